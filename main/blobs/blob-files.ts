import fs from 'node:fs';
import path from 'node:path';
import { blobRelPath } from '../../core/blobs/limits';
import { sm3OfReader } from '../../core/blobs/sm3-stream';

/**
 * The blob folder of a profile, `<profile>/blobs/`:
 *   ab/<sm3>          verified blobs (content-addressed, never modified after the rename)
 *   partial/<sm3>     downloads under way (resumed from their length)
 *   uploads/<id>      files arriving from the renderer (blobs.put), until blobs.finish
 *   corrupt/<sm3>.<t> blobs whose bytes no longer match their name, kept aside for inspection
 * Every file reaches `ab/` by rename after an fsync, so a crash leaves either the whole verified
 * file or none.
 */
export class BlobFiles {
  constructor(readonly root: string) {
    for (const sub of ['', 'partial', 'uploads', 'corrupt']) fs.mkdirSync(path.join(root, sub), { recursive: true });
  }

  final(sm3: string): string {
    return path.join(this.root, blobRelPath(sm3));
  }

  partial(sm3: string): string {
    return path.join(this.root, 'partial', sm3);
  }

  upload(id: string): string {
    return path.join(this.root, 'uploads', id);
  }

  /** fsyncs `tmp`, renames it to the blob's final place and fsyncs the folder. */
  async promote(tmp: string, sm3: string): Promise<fs.Stats> {
    const handle = await fs.promises.open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const dest = this.final(sm3);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await fs.promises.rename(tmp, dest);
    await syncDir(path.dirname(dest));
    return fs.promises.stat(dest);
  }

  /** Moves a blob that failed its check out of the way (kept, not served). */
  async quarantine(sm3: string, now: number): Promise<void> {
    await fs.promises.rename(this.final(sm3), path.join(this.root, 'corrupt', `${sm3}.${now}`)).catch(() => undefined);
  }

  /** SM3 and size of a file, read in 1 MiB pieces into one reused buffer. */
  async hash(file: string): Promise<{ sm3: string; size: number }> {
    const handle = await fs.promises.open(file, 'r');
    try {
      return await sm3OfReader(async (buffer, position) => (await handle.read(buffer, 0, buffer.length, position)).bytesRead);
    } finally {
      await handle.close();
    }
  }

  async stat(file: string): Promise<fs.Stats | null> {
    return fs.promises.stat(file).catch(() => null);
  }

  /** Every file in `ab/` (rebuilding the index). */
  listFinal(): string[] {
    const out: string[] = [];
    for (const dir of fs.readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of fs.readdirSync(path.join(this.root, dir))) if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(dir)) out.push(name);
    }
    return out;
  }

  /** Drops leftovers of uploads that never finished (they cannot be resumed after a restart). */
  clearUploads(): void {
    const dir = path.join(this.root, 'uploads');
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
