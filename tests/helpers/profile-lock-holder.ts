import fs from 'node:fs';
import { ProfileLock } from '../../main/app/profile-lock';

/**
 * `node --import tsx profile-lock-holder.ts DIR [GO_FILE]`: with GO_FILE, prints {"ready":true} and
 * waits for the file to exist (a start line for several processes at once); then takes the profile lock of DIR as the app does, prints one
 * JSON line ({"in":true} or {"in":false,"code","message"}), and holds the lock until killed.
 */
const [dir, goFile] = process.argv.slice(2);
if (goFile) {
  console.log(JSON.stringify({ ready: true }));
  // Polled every millisecond (a synchronous sleep), so the racers start within a millisecond of each other.
  const tick = new Int32Array(new SharedArrayBuffer(4));
  while (!fs.existsSync(goFile)) Atomics.wait(tick, 0, 0, 1);
}
try {
  ProfileLock.acquire(dir!);
  console.log(JSON.stringify({ in: true }));
} catch (err) {
  console.log(JSON.stringify({ in: false, code: (err as { code?: string }).code, message: (err as Error).message }));
  process.exit(0);
}
setInterval(() => {}, 1000);
