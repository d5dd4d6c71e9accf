import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initCa } from '../../main/crypto/ca';
import { pkiPaths } from '../../main/crypto/ca-files';
import { repoRoot, startSyncServer, tempDir, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { spawnUnreaped } from '../helpers/unreaped';
import { until } from '../sync/helpers';

const holderScript = path.join(repoRoot, 'tests', 'helpers', 'profile-lock-holder.ts');

interface Holder {
  child: ChildProcess;
  /** Waiting at the start line (with a go file). */
  ready: Promise<void>;
  /** The line the holder printed: whether it got the lock. */
  result: Promise<{ in: boolean; code?: string; message?: string }>;
}

function startHolder(dir: string, goFile?: string): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, dir, ...(goFile ? [goFile] : [])], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const lines = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { ready?: true; in?: boolean });
  let ready = () => {};
  const result = new Promise<{ in: boolean; code?: string; message?: string }>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (lines().some((l) => l.ready)) ready();
      const answer = lines().find((l) => l.in !== undefined);
      if (answer) resolve(answer as { in: boolean });
    });
    child.once('exit', (code) => reject(new Error(`holder exited ${code} before answering: ${err}`)));
  });
  result.catch(() => {});
  return { child, ready: new Promise((r) => (ready = r)), result };
}

const killed = (child: ChildProcess) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve());

/**
 * Issue 9, locks: the profile and the server's data directory are locked by the operating system,
 * not a pid file. A SIGKILL is followed by a clean restart at once, 20 times in a row; of 4
 * processes starting together on a stale profile exactly one gets in, and the others are told why.
 */
describe('locks that the operating system drops with the process', () => {
  const children: ChildProcess[] = [];
  const parents: ChildProcess[] = [];
  const servers: SyncServerProcess[] = [];
  afterEach(async () => {
    for (const p of parents.splice(0)) {
      p.kill('SIGKILL');
      await killed(p);
    }
    for (const c of children.splice(0)) {
      c.kill('SIGKILL');
      await killed(c);
    }
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
  });

  it('a sync server killed with SIGKILL and restarted at once, before it is reaped, starts every time (20 times); a second one is refused', async () => {
    const dataDir = tempDir();
    const pkiDir = tempDir('xietong-pki-');
    initCa({ dataDir: pkiDir, caPin: '123456', iterations: 1_000, organisation: '演示单位', days: 30 });
    const args = ['--import', 'tsx', path.join(repoRoot, 'sync-server', 'cli.ts'), '--host', '127.0.0.1', '--port', '0', '--data', dataDir, '--trust-ca', pkiPaths(pkiDir).caCert];
    let started = 0;
    for (let i = 0; i < 21; i++) {
      const run = spawnUnreaped(process.execPath, args, repoRoot);
      parents.push(run.parent);
      const pid = await run.pid;
      await until(() => /"msg":"(listening|sync server failed to start)"/.test(run.output()), 'the server to listen or give up', 60_000);
      if (!/"msg":"listening"/.test(run.output())) throw new Error(`restart ${i} refused:\n${run.output()}`);
      started++;
      // As a supervisor restarts a crashed service: the next start follows the kill at once, the
      // killed process not reaped yet (a zombie whose pid still answers kill(pid, 0)).
      process.kill(pid, 'SIGKILL');
    }
    expect(started).toBe(21);
    const server = await startSyncServer({ dataDir, args: ['--trust-ca', pkiPaths(pkiDir).caCert] });
    servers.push(server);
    const second = await startSyncServer({ dataDir, args: ['--trust-ca', pkiPaths(pkiDir).caCert] }).then(
      (s) => {
        servers.push(s);
        return '';
      },
      (err: Error) => err.message,
    );
    expect(second).toContain('数据目录正被另一个同步服务器进程使用');
  });

  it('a profile whose holder was killed is taken again at once, before it is reaped, 20 times in a row', async () => {
    const dir = tempDir('xietong-profile-');
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const run = spawnUnreaped(process.execPath, ['--import', 'tsx', holderScript, dir], repoRoot);
      parents.push(run.parent);
      const pid = await run.pid;
      await until(() => /"in":/.test(run.output()), 'the holder to answer', 60_000);
      answers.push(/\{"in".*\}/.exec(run.output())![0]);
      process.kill(pid, 'SIGKILL');
    }
    expect(answers.filter((a) => a !== '{"in":true}')).toEqual([]);
  });

  it('4 processes starting together on a stale profile: exactly one gets in, the others are told why', async () => {
    const dir = tempDir('xietong-profile-');
    // A stale lock: its holder was killed.
    const stale = startHolder(dir);
    children.push(stale.child);
    expect(await stale.result).toEqual({ in: true });
    stale.child.kill('SIGKILL');
    await killed(stale.child);
    const trials = 5;
    const winners: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const go = path.join(dir, `go-${trial}`);
      const racers = Array.from({ length: 4 }, () => startHolder(dir, go));
      children.push(...racers.map((r) => r.child));
      // Every racer has loaded and waits at the start line before it is opened.
      await Promise.all(racers.map((r) => r.ready));
      fs.writeFileSync(go, '');
      const results = await Promise.all(racers.map((r) => r.result));
      winners.push(results.filter((r) => r.in).length);
      for (const r of results.filter((x) => !x.in)) expect(r).toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining('数据目录正被另一个协同办公进程') as string });
      for (const r of racers) r.child.kill('SIGKILL');
      await Promise.all(racers.map((r) => killed(r.child)));
    }
    console.log(`[locks] processes let in per synchronized start of 4 on a stale profile: ${winners.join(', ')}`);
    expect(winners).toEqual(Array(trials).fill(1));
  });
});
