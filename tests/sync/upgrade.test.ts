import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../core/sync/protocol';
import { migrate } from '../../core/sync/migrate';
import { nextSeq } from '../../core/sync/sql';
import { recordEvent } from '../../core/sync/testing/record-events';
import { MuxClient } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const lin = person('dcs.lin', '市政府督查室', 'supervisor');

/**
 * A server upgraded from schema 1 (events in the Y.Doc): a 督办 item stored by the old server,
 * whose fields name 市财政局 as 牵头单位 while its 交办 event assigned 市工信局. After the upgrade
 * its events are served as events, its owners come from them, its Yjs edits still sync, and an
 * app that moved the same events into its own log gets them acknowledged, not appended twice.
 */
describe('upgrading a server whose records kept their events in the Y.Doc', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const assign = recordEvent(lin, 'assign', { assignments: [{ unit: '市工信局', role: 'lead' }] });
  beforeAll(async () => {
    const db = new Database(path.join(dataDir, 'sync.db'));
    migrate(db, 1);
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('fields').set('kind', 'supervision');
      doc.getMap('fields').set('title', '推行掌上办公');
      doc.getMap('fields').set('lead', ['市财政局']);
      doc.getArray('events').push([assign]);
    });
    const seq = nextSeq(db);
    const id = Number(db.prepare(`INSERT INTO docs (name, created_seq, change_seq, seq, owners, content_owners) VALUES ('old-item', ?, ?, ?, '[]', '["市财政局"]')`).run(seq, seq, seq).lastInsertRowid);
    db.prepare('INSERT INTO updates (seq, doc_id, origin, at, data) VALUES (?, ?, ?, ?, ?)').run(seq, id, 'old', 0, Y.encodeStateAsUpdate(doc));
    db.close();
    addUser(dataDir, 'dcs.lin', { unit: '市政府督查室', role: 'admin' });
    addUser(dataDir, 'gx', { unit: '市工信局' });
    addUser(dataDir, 'cz', { unit: '市财政局' });
    server = await startSyncServer({ dataDir, areas: 'app' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('serves the old events as events, takes owners from them, and acknowledges the same events again', async () => {
    const gx = new MuxClient(server.wsUrl, tokenFor(dataDir, 'gx'));
    const entry = (await gx.feed(0)).page.entries.find((e) => e.name === 'old-item');
    expect(entry?.events.map((e) => [e.seq, JSON.parse(e.json).id])).toEqual([[1, assign.id]]);
    // 市财政局 was named only in fields: no access any more. 市工信局, assigned by the event, has it.
    const cz = new RawClient(docUrl(server.wsUrl, 'old-item', tokenFor(dataDir, 'cz')), { sendStep1: false });
    expect((await cz.closed).code).toBe(CloseCode.forbidden);
    const editor = new RawClient(docUrl(server.wsUrl, 'old-item', tokenFor(dataDir, 'gx')));
    await editor.whenSynced();
    expect(editor.doc.getMap('fields').get('title')).toBe('推行掌上办公');
    editor.doc.getMap('fields').set('progress', '已部署');
    await until(() => (editor.acked.get(editor.doc.clientID) ?? 0) > 0, 'the edit of an old record is taken');
    // The app moved the same event out of its Y.Doc into its own log and submits it: acknowledged.
    const linClient = new MuxClient(server.wsUrl, tokenFor(dataDir, 'dcs.lin'));
    expect((await linClient.submit('old-item', [assign]))[0]).toMatchObject({ status: 'ok', seq: 1 });
    // It has no `create`, and gets none: it exists already.
    expect((await linClient.submit('old-item', [recordEvent(lin, 'create', { kind: 'supervision' })]))[0]).toMatchObject({ status: 'refused' });
    for (const c of [gx, linClient]) c.close();
    editor.close();
  });
});
