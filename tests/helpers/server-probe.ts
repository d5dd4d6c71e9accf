import fs from 'node:fs';

/** Reads one sample of a Prometheus metric from `GET /metrics` (`labels` as written, e.g. `{reason="too-large"}`). */
export async function readMetric(httpUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const escaped = `${name}${labels}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`no metric ${name}${labels} in:\n${text}`);
  return Number(m[1]);
}

/** Resident memory of a process in bytes (Linux /proc), for memory figures of attack tests. */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

export const MiB = 1024 * 1024;
