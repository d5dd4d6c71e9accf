import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../core/sync/protocol';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { createRecordAs, eventLog, submitAs } from '../helpers/sync-attack';
import { person, until } from '../sync/helpers';

/**
 * A `create` already in a record's log is answered as known (two machines importing one seed
 * send identical ones). A colleague of another unit, an editor with a valid token, who replays a
 * record's `create` word for word (say, from a copy of an export) is refused and gets nothing of
 * the record. Checked here once the record is stored; the window while the first `create` is
 * still committing (sync-server/events/submit.ts asks again once it is stored) is a race this
 * test cannot hit on purpose.
 */
describe('a replayed create of a record one may not see', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const token = (login: string) => tokenFor(dataDir, login);
  beforeAll(async () => {
    addUser(dataDir, 'a', { unit: '单位A' });
    addUser(dataDir, 'b', { unit: '单位B' });
    server = await startSyncServer({ dataDir });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('is refused, and the record stays out of reach', async () => {
    const name = 'unit-a-record';
    await createRecordAs(server, token, person('a', '单位A'), name, 'note');
    const writer = new RawClient(docUrl(server.wsUrl, name, token('a')));
    await writer.whenSynced();
    writer.doc.getText('body').insert(0, '单位A的机密内容');
    await until(() => (writer.acked.get(writer.doc.clientID) ?? 0) > 0, "A's write committed");
    writer.close();

    const [create] = await eventLog(server, token, 'a', name);
    expect(create?.type).toBe('create');
    const [answer] = await submitAs(server, token, 'b', name, [create!]);
    expect(answer).toMatchObject({ status: 'refused', reason: '无权访问该记录' });

    // Nothing of it reaches B: not in B's feed, and the document itself is closed to B.
    expect(await eventLog(server, token, 'b', name)).toEqual([]);
    const reader = new RawClient(docUrl(server.wsUrl, name, token('b')));
    await until(() => reader.closeCode !== null || reader.doc.getText('body').length > 0, 'B answered');
    expect(reader.closeCode).toBe(CloseCode.forbidden);
    expect(reader.doc.getText('body').toString()).toBe('');
    reader.close();

    // A, who may see it, still gets the same answer as before: known and accepted.
    const [again] = await submitAs(server, token, 'a', name, [create!]);
    expect(again?.status).toBe('ok');
  });
});
