import { badInput } from '../errors';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Pixel size from a PNG's IHDR chunk; rejects anything that is not a PNG. */
export function pngSize(data: Uint8Array): { width: number; height: number } {
  if (data.length < 33 || SIGNATURE.some((b, i) => data[i] !== b)) throw badInput('印章图片必须是 PNG 文件');
  const type = String.fromCharCode(...data.subarray(12, 16));
  if (type !== 'IHDR') throw badInput('PNG 文件缺少 IHDR');
  const u32 = (o: number) => ((data[o]! << 24) | (data[o + 1]! << 16) | (data[o + 2]! << 8) | data[o + 3]!) >>> 0;
  const width = u32(16);
  const height = u32(20);
  if (width === 0 || height === 0) throw badInput('PNG 图片尺寸无效');
  return { width, height };
}
