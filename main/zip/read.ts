import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A strict zip reader for files users hand us (OFD, DOCX) and archive packages. It reads the
 * central directory, checks every entry against its local header, inflates with a size cap and
 * checks each CRC, so a truncated, altered or hostile zip is refused with a reason rather than
 * read as something else. No ZIP64, no encryption, methods stored (0) and deflate (8) only.
 */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export interface ZipLimits {
  /** Most entries accepted (default 10 000). */
  maxEntries?: number;
  /** Most bytes after inflating, all entries together (default 1 GiB). */
  maxTotalBytes?: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEnd(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65 535 bytes.
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= stop; at--) if (zip.readUInt32LE(at) === EOCD) return at;
  throw new ZipError('不是有效的 zip 文件(找不到目录结尾,文件可能不完整)');
}

/** Every file of the archive, in directory order; directories are skipped. Throws ZipError. */
export function readZip(zip: Buffer, limits: ZipLimits = {}): ZipEntry[] {
  return scan(zip, limits).map((e) => {
    if (e.data instanceof ZipError) throw e.data;
    return { name: e.name, data: e.data };
  });
}

/**
 * Every file, where one whose bytes fail (CRC, inflate, length, bounds) is a ZipError of its own
 * instead of failing the whole read: an archive verifier names the damaged file. Throws ZipError
 * only when the zip's structure (end record, directory) cannot be read at all.
 */
export function readZipLenient(zip: Buffer, limits: ZipLimits = {}): Map<string, Buffer | ZipError> {
  return new Map(scan(zip, limits).map((e) => [e.name, e.data]));
}

function scan(zip: Buffer, limits: ZipLimits): Array<{ name: string; data: Buffer | ZipError }> {
  if (zip.length < 22) throw new ZipError('不是有效的 zip 文件(文件过短)');
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  const dirSize = zip.readUInt32LE(end + 12);
  const dirStart = zip.readUInt32LE(end + 16);
  if (count === 0xffff || dirStart === 0xffffffff) throw new ZipError('不支持 ZIP64 格式');
  if (count > (limits.maxEntries ?? 10_000)) throw new ZipError(`zip 中文件过多(${count} 个)`);
  if (dirStart + dirSize > end) throw new ZipError('zip 目录越界,文件可能不完整');
  const maxTotal = limits.maxTotalBytes ?? 1024 ** 3;
  const out: Array<{ name: string; data: Buffer | ZipError }> = [];
  const names = new Set<string>();
  let total = 0;
  let at = dirStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('zip 目录损坏');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (at + 46 + nameLength > end) throw new ZipError('zip 目录损坏');
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extra;
    if (name.endsWith('/')) continue;
    if (names.has(name)) throw new ZipError(`zip 中有重名文件:${name}`);
    names.add(name);
    total += size;
    if (total > maxTotal) throw new ZipError('zip 解压后过大');
    out.push({ name, data: entryData(zip, { name, flags, method, crc, packed, size, local, dirStart }) });
  }
  return out;
}

interface EntryHeader {
  name: string;
  flags: number;
  method: number;
  crc: number;
  packed: number;
  size: number;
  local: number;
  dirStart: number;
}

function entryData(zip: Buffer, h: EntryHeader): Buffer | ZipError {
  if (h.flags & 1) return new ZipError(`不支持加密的 zip 文件(${h.name})`);
  if (h.local + 30 > h.dirStart || zip.readUInt32LE(h.local) !== LOCAL) return new ZipError(`zip 文件头损坏:${h.name}`);
  const start = h.local + 30 + zip.readUInt16LE(h.local + 26) + zip.readUInt16LE(h.local + 28);
  if (start + h.packed > h.dirStart) return new ZipError(`zip 数据越界:${h.name}`);
  const raw = zip.subarray(start, start + h.packed);
  let data: Buffer;
  if (h.method === 0) data = Buffer.from(raw);
  else if (h.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, h.size) });
    } catch {
      return new ZipError(`zip 数据损坏,无法解压:${h.name}`);
    }
  } else return new ZipError(`不支持的压缩方式 ${h.method}:${h.name}`);
  if (data.length !== h.size) return new ZipError(`zip 数据长度不符:${h.name}`);
  if (crc32(data) >>> 0 !== h.crc) return new ZipError(`zip 数据校验失败(CRC):${h.name}`);
  return data;
}

/** The files as a map by name. */
export function readZipMap(zip: Buffer, limits?: ZipLimits): Map<string, Buffer> {
  return new Map(readZip(zip, limits).map((e) => [e.name, e.data]));
}
