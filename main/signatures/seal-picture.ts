import zlib from 'node:zlib';

/**
 * A small demo seal picture made in code (演示用印章图片): a red ring with a red star on a
 * transparent background, as an RGBA PNG. No image files are needed. A real seal's picture comes
 * from the 制章 process (`oa seal create --image PNG`).
 */
export function demoSealPicture(size = 96): Uint8Array {
  const c = (size - 1) / 2;
  const outer = size / 2 - 1;
  const inner = outer - Math.max(3, Math.round(size / 16));
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const red = (d <= outer && d >= inner) || inStar(x - c, y - c, outer * 0.38);
      const o = row + 1 + x * 4;
      raw[o] = red ? 0xd4 : 0;
      raw[o + 1] = red ? 0x1a : 0;
      raw[o + 2] = red ? 0x1a : 0;
      raw[o + 3] = red ? 0xff : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

/** A five-pointed star of radius r centred on the origin (point up). */
function inStar(x: number, y: number, r: number): boolean {
  const angle = Math.atan2(x, -y); // 0 = up
  const d = Math.hypot(x, y);
  const sector = (2 * Math.PI) / 5;
  const a = Math.abs((((angle % sector) + sector) % sector) - sector / 2); // 0 at the tip's valley centre
  const innerR = r * 0.382;
  // Linear interpolation between the valley (inner radius) and the tip (outer radius).
  const edge = innerR + (r - innerR) * (a / (sector / 2));
  return d <= edge;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

let table: Uint32Array | null = null;
function crc32(buf: Buffer): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
