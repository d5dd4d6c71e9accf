import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/kernel/actor';
import { CloseCode } from '../../core/sync/protocol';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { assignment, createRecordAs } from '../helpers/sync-attack';
import { until } from '../sync/helpers';

const DC: Actor = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' };

/**
 * Issue 9, "unsigned field edits re-route access": an editor of a 责任单位 set `fields.lead = []`
 * and the 牵头单位 lost access at once, with no signature or trace. Who owns a record now comes
 * from its signed events (the 交办) and its creator, never from fields.
 */
describe('field edits do not change who may see a record', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const token = (login: string) => tokenFor(dataDir, login);
  beforeAll(async () => {
    addUser(dataDir, 'dcs.lin', { unit: '市政府督查室' });
    addUser(dataDir, 'lead.wang', { unit: '市工信局' });
    addUser(dataDir, 'resp.li', { unit: '市财政局' });
    addUser(dataDir, 'other.zhao', { unit: '市住建局' });
    server = await startSyncServer({ dataDir, args: ['--acl-poll-ms', '100'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('an editor of the 责任单位 emptying fields.lead leaves the 牵头单位 its access; naming a unit there shares nothing', async () => {
    const name = 'item-reroute';
    await createRecordAs(server, token, DC, name, 'supervision', [assignment(DC, ['市工信局'], ['市财政局'])]);
    const lead = new RawClient(docUrl(server.wsUrl, name, token('lead.wang')));
    await lead.whenSynced();

    // The 责任单位's editor rewrites the fields that used to decide access.
    const resp = new RawClient(docUrl(server.wsUrl, name, token('resp.li')));
    await resp.whenSynced();
    resp.doc.transact(() => {
      resp.doc.getMap('fields').set('lead', []);
      resp.doc.getMap('fields').set('responsible', ['市财政局', '市住建局']);
      resp.doc.getMap('fields').set('title', '改过的标题');
    });
    await until(() => (resp.acked.get(resp.doc.clientID) ?? 0) > 0, 'the edit committed');
    // The edit itself is an ordinary field edit and reaches the 牵头单位 …
    await until(() => lead.doc.getMap('fields').get('title') === '改过的标题' || lead.closeCode !== null, 'the 牵头单位 receives the edit');
    expect(lead.closeCode).toBeNull();
    expect(lead.doc.getMap('fields').get('lead')).toEqual([]);
    // … which keeps its access on a new connection too, and a unit only named in fields gets none.
    const leadAgain = new RawClient(docUrl(server.wsUrl, name, token('lead.wang')));
    await until(() => leadAgain.synced || leadAgain.closeCode !== null, 'the 牵头单位 reconnects');
    expect(leadAgain.closeCode).toBeNull();
    const named = new RawClient(docUrl(server.wsUrl, name, token('other.zhao')), { sendStep1: false });
    expect((await named.closed).code).toBe(CloseCode.forbidden);
    expect(named.received).toBe(0);
    for (const c of [lead, resp, leadAgain]) c.close();
  });
});
