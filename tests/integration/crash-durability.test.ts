import { afterEach, describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, webApi, type HostProcess } from '../helpers/web-host-process';

const hosts: HostProcess[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop('SIGKILL')));
});

describe('durability across a killed process', () => {
  it('keeps an edit that returned success when the host is SIGKILLed right after', async () => {
    const dataDir = tempDataDir();
    const first = await startHostProcess(dataDir);
    hosts.push(first);
    const api = webApi(first.url);
    const page = await api.supervision.list({ lead: '市审批管理局' });
    if (!page.ok) throw new Error(page.error.message);
    const target = page.value.rows[0]!;
    const note = `进展:已完成平台联调 ${Date.now()}`;
    const saved = await api.supervision.update({ id: target.id, patch: { progressNote: note } });
    expect(saved.ok).toBe(true);
    first.child.kill('SIGKILL');
    await first.stop('SIGKILL');

    const second = await startHostProcess(dataDir);
    hosts.push(second);
    const again = webApi(second.url);
    const detail = await again.supervision.get({ id: target.id });
    expect(detail.ok && detail.value.progressNote).toBe(note);
    const all = await again.supervision.list({ limit: 100 });
    // The restart took over the dead process's lock and did not import the seed a second time.
    expect(all.ok && all.value.total).toBe(39);
  });
});
