import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../core/editor/extensions';
import { HeadlessEditor } from '../../core/editor/headless';
import { decodeEntry, encodeEntry, ledgerOf } from '../../core/editor/ledger-entry';
import { bodyOf } from '../../core/records/record-doc';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { createRecordAs } from '../helpers/sync-attack';
import { person, until } from '../sync/helpers';

const UNIT = '市工信局';

/**
 * The 修订 ledger (core/editor/suggestion-ledger.ts) is written by every editor of a body, so a
 * hostile colleague with an editor's token can write into it through the real server. Entries
 * meant to stall every replica that applies them (a billion characters, a million dropped tags)
 * or of the wrong shape are ignored: the victim's replica stays responsive, keeps its 修订 marks,
 * and its next edit still reaches the server.
 */
describe('hostile 修订 ledger entries through the sync server', () => {
  const dataDir = tempDir('xietong-ledger-attack-');
  let server: SyncServerProcess;
  const token = (login: string) => tokenFor(dataDir, login);
  beforeAll(async () => {
    addUser(dataDir, 'gxj.wang', { unit: UNIT });
    addUser(dataDir, 'gxj.li', { unit: UNIT });
    server = await startSyncServer({ dataDir, args: ['--log-level', 'warn'] });
    await createRecordAs(server, token, person('gxj.wang', UNIT), 'ledger-attack', 'note');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('oversized and malformed entries are ignored by the victim’s replica', async () => {
    const s = editorSchema();
    const victim = new RawClient(docUrl(server.wsUrl, 'ledger-attack', token('gxj.wang')));
    await victim.whenSynced();
    const wang = new HeadlessEditor(victim.doc, { author: { login: 'gxj.wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文'))));
    wang.suggest = true;
    wang.edit((tr) => tr.insert(2, s.text('甲乙')));
    const marked = () => bodyOf(victim.doc).toString();
    const before = marked();
    expect(before).toContain('<insertion');

    const hostile = new RawClient(docUrl(server.wsUrl, 'ledger-attack', token('gxj.li')));
    await hostile.whenSynced();
    await until(() => bodyOf(hostile.doc).toString() === before, 'the hostile replica has the body');
    const ours = [...ledgerOf(hostile.doc).values()].map(decodeEntry).find((e) => e?.k === 'insertion') as { r: number[] };
    hostile.doc.transact(() => {
      ledgerOf(hostile.doc).set('x:1', encodeEntry({ k: 'insertion', v: null, u: [], r: [victim.doc.clientID, 0, 1_000_000_000] }));
      ledgerOf(hostile.doc).set('x:2', encodeEntry({ k: 'insertion', v: null, u: Array.from({ length: 200_000 }, (_, i) => `t${i}`), r: ours.r }));
      ledgerOf(hostile.doc).set('x:3', encodeEntry({ k: 'copy', r: [victim.doc.clientID, 0, 1_000_000_000], s: ours.r }));
      ledgerOf(hostile.doc).set('x:5', { k: 'insertion', v: null, u: [], r: ours.r });
      ledgerOf(hostile.doc).set('x:4', 'not an entry');
    });
    const sent = performance.now();
    await until(() => ledgerOf(victim.doc).has('x:4'), 'the entries reach the victim', 30_000);
    const took = performance.now() - sent;
    console.log(`hostile ledger entries applied by the victim's replica in ${took.toFixed(0)} ms`);
    expect(took).toBeLessThan(10_000);
    expect(marked()).toBe(before);

    // Still responsive, and still writing: the next suggestion reaches the hostile replica too.
    wang.edit((tr) => tr.insert(2, s.text('丙')));
    await until(() => bodyOf(hostile.doc).toString() === marked(), 'the next edit reaches the server and the colleague');
    expect(marked()).toContain('丙');
    wang.destroy();
    victim.close();
    hostile.close();
  });

  it('a forged copy entry does not make the victim’s replica remove live text', async () => {
    await createRecordAs(server, token, person('gxj.wang', UNIT), 'ledger-forged-copy', 'note');
    const s = editorSchema();
    const victim = new RawClient(docUrl(server.wsUrl, 'ledger-forged-copy', token('gxj.wang')));
    await victim.whenSynced();
    const wang = new HeadlessEditor(victim.doc, { author: { login: 'gxj.wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文内容'))));
    const hostile = new RawClient(docUrl(server.wsUrl, 'ledger-forged-copy', token('gxj.li')));
    await hostile.whenSynced();
    await until(() => bodyOf(hostile.doc).toString() === bodyOf(victim.doc).toString(), 'the hostile replica has the body');
    // The victim's characters (one item: 原文内容), and the hostile's own text typed after them.
    const text = (bodyOf(hostile.doc).toArray()[0] as Y.XmlElement).toArray()[0] as Y.XmlText;
    const first = text._start!.id;
    text.insert(4, '内容');
    const own = hostile.doc.clientID;
    const ownFirst = Y.getState(hostile.doc.store, own) - 2;
    hostile.doc.transact(() => {
      // "The victim's 原文 are copies of its own 内容", and "my 内容 is a copy of the victim's 内容":
      // either, believed, would have the replicas keep one of two live texts and remove the other.
      ledgerOf(hostile.doc).set(`${own}:900001`, encodeEntry({ k: 'copy', r: [first.client, first.clock, 2], s: [first.client, first.clock + 2, 2] }));
      ledgerOf(hostile.doc).set(`${own}:900002`, encodeEntry({ k: 'copy', r: [own, ownFirst, 2], s: [first.client, first.clock + 2, 2] }));
      ledgerOf(hostile.doc).set('done', 'x');
    });
    await until(() => ledgerOf(victim.doc).has('done'), 'the entries reach the victim');
    wang.edit((tr) => tr.insert(2, s.text('甲')));
    await until(() => bodyOf(hostile.doc).toString() === bodyOf(victim.doc).toString(), 'the replicas agree');
    expect(wang.current().doc.textContent).toBe('原甲文内容内容');
    wang.destroy();
    victim.close();
    hostile.close();
  });
});
