import { spawn, type ChildProcess } from 'node:child_process';

export interface Unreaped {
  /** The parent that never reaps: kill it to let its dead child go. */
  parent: ChildProcess;
  /** The command's pid. */
  pid: Promise<number>;
  output(): string;
}

/**
 * Runs a command under a parent that blocks its event loop and so never reaps it: once the
 * command is killed it stays a zombie, and `kill(pid, 0)` still succeeds — what a supervisor
 * restarting a crashed service before reaping it looks like (issue 9, pid-file locks).
 */
export function spawnUnreaped(command: string, args: readonly string[], cwd: string): Unreaped {
  const code = `const c = require('node:child_process').spawn(process.argv[1], process.argv.slice(2), { stdio: 'inherit' });
    console.log(JSON.stringify({ unreapedChild: c.pid }));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`;
  const parent = spawn(process.execPath, ['-e', code, command, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  parent.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const pid = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"unreapedChild":(\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 10);
    parent.once('exit', () => {
      clearInterval(timer);
      reject(new Error(`parent exited: ${out}`));
    });
  });
  pid.catch(() => {});
  return { parent, pid, output: () => out };
}
