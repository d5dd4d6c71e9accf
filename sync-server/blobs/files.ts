import fs from 'node:fs';
import path from 'node:path';
import { blobRelPath } from '../../core/blobs/limits';
import { sm3OfReader } from '../../core/blobs/sm3-stream';

/**
 * The server's blob folder, `<data>/blobs/`: `ab/<sm3>` holds verified blobs only (they get there
 * by an fsynced rename after their SM3 was checked); `tmp/<sm3>.<uploader>` holds uploads under
 * way, one per uploader, whose length is how far the upload got (HEAD reports it).
 */
export class ServerBlobFiles {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
    fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true });
  }

  final(sm3: string): string {
    return path.join(this.root, blobRelPath(sm3));
  }

  tmp(sm3: string, login: string): string {
    return path.join(this.root, 'tmp', `${sm3}.${Buffer.from(login, 'utf8').toString('hex')}`);
  }

  async size(file: string): Promise<number | null> {
    const stat = await fs.promises.stat(file).catch(() => null);
    return stat ? stat.size : null;
  }

  async sm3Of(file: string): Promise<{ sm3: string; size: number }> {
    return hashFile(file);
  }

  /** Makes a verified temp file the blob: fsync, rename, fsync the folder (a crash leaves all or nothing). */
  async publish(tmp: string, sm3: string): Promise<void> {
    const file = await fs.promises.open(tmp, 'r+');
    await file.sync().finally(() => file.close());
    const dest = this.final(sm3);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await fs.promises.rename(tmp, dest);
    if (process.platform !== 'win32') {
      const dir = await fs.promises.open(path.dirname(dest), 'r');
      await dir.sync().finally(() => dir.close());
    }
  }

  /** Writes small bytes held in memory as a blob (migration of old `files` entries). */
  async writeBlob(sm3: string, data: Uint8Array): Promise<void> {
    const tmp = path.join(this.root, 'tmp', `${sm3}.migration`);
    await fs.promises.writeFile(tmp, data);
    await this.publish(tmp, sm3);
  }

  async remove(file: string): Promise<void> {
    await fs.promises.rm(file, { force: true });
  }
}

/** SM3 of a file through one reused buffer (no garbage per chunk). */
export async function hashFile(file: string): Promise<{ sm3: string; size: number }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    return await sm3OfReader(async (buffer, position) => (await handle.read(buffer, 0, buffer.length, position)).bytesRead);
  } finally {
    await handle.close();
  }
}
