import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRaw, startHostProcess, tempDataDir, webApi, type HostProcess } from '../helpers/web-host-process';

let host: HostProcess;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  host = await startHostProcess(dataDir);
});
afterAll(async () => {
  await host.stop();
});

describe('web host', () => {
  it('serves the seed: 39 items and the 收文 they came from', async () => {
    const api = webApi(host.url);
    const list = await api.supervision.list({ limit: 100 });
    expect(list.ok && list.value.total).toBe(39);
    const incoming = await api.incoming.list();
    if (!incoming.ok) throw new Error(incoming.error.message);
    expect(incoming.value.map((d) => d.docNumber)).toEqual(['厦府办〔2022〕47号']);
    const doc = await api.incoming.get({ id: incoming.value[0]!.id });
    if (!doc.ok) throw new Error(doc.error.message);
    expect(doc.value).toMatchObject({
      issuer: '厦门市人民政府办公厅',
      writtenDate: '2022-05-08',
      issuedDate: '2022-05-20',
      publicity: '主动公开',
      linkedItems: 39,
    });
  });

  it('answers malformed payloads with typed errors and writes nothing', async () => {
    const api = webApi(host.url);
    const before = await api.supervision.list({ limit: 1 });
    if (!before.ok) throw new Error(before.error.message);
    const row = before.value.rows[0]!;

    const notJson = await postRaw(host.url, '{"channel": "supervision.update", ');
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const unknown = await postRaw(host.url, JSON.stringify({ channel: 'supervision.drop', input: {} }));
    expect(unknown.json).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    const badInput = await api.supervision.update({ id: row.id, patch: { title: '', progressNote: '不应保存' } });
    expect(badInput.ok).toBe(false);
    if (!badInput.ok) expect(badInput.error.code).toBe('BAD_INPUT');

    const extraKey = await postRaw(host.url, JSON.stringify({ channel: 'supervision.update', input: { id: row.id, patch: { status: 'completed' } } }));
    expect(extraKey.json).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const missing = await api.supervision.get({ id: 'no-such-record' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');

    const after = await api.supervision.get({ id: row.id });
    expect(after.ok && after.value.title).toBe(row.title);
    expect(after.ok && after.value.progressNote).toBe(row.progressNote);
    expect(after.ok && after.value.status).toBe('in_progress');
  });

  it('refuses requests from other origins', async () => {
    const res = await postRaw(host.url, JSON.stringify({ channel: 'app.info', input: {} }), { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('refuses a second host on the same profile with a clear message', async () => {
    await expect(startHostProcess(dataDir)).rejects.toThrow(/正被另一个协同办公进程/);
  });
});

describe('a damaged profile', () => {
  it('reports a corrupt database clearly and leaves the file untouched', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'xietong.db');
    const garbage = Buffer.from('这不是数据库文件'.repeat(400));
    fs.writeFileSync(file, garbage);
    await expect(startHostProcess(dir)).rejects.toThrow(/数据文件已损坏/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });
});
