import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { readZip, readZipMap, ZipError } from './read';
import { writeZip } from './write';

const files = [
  { name: 'a.txt', data: '公文'.repeat(500) },
  { name: 'dir/b.bin', data: Buffer.from([0, 1, 2, 3, 255]) },
  { name: '空.json', data: '' },
];

describe('zip', () => {
  it('reads back what it writes, byte for byte and in order, and writes the same bytes twice', () => {
    const zip = writeZip(files);
    const back = readZip(zip);
    expect(back.map((e) => e.name)).toEqual(['a.txt', 'dir/b.bin', '空.json']);
    expect(back[0]?.data.toString('utf8')).toBe('公文'.repeat(500));
    expect([...(back[1]?.data ?? [])]).toEqual([0, 1, 2, 3, 255]);
    expect(back[2]?.data.length).toBe(0);
    expect(writeZip(files).equals(zip)).toBe(true);
  });

  it('reads a .docx written by the docx package (jszip)', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('关于印发的通知')] }] }));
    expect(readZipMap(docx).get('word/document.xml')?.toString('utf8')).toContain('关于印发的通知');
  });

  it('refuses a changed byte in stored data (CRC), a truncated zip and something that is not a zip', () => {
    const zip = writeZip([{ name: 'x.bin', data: Buffer.from([9, 8, 7, 6, 5, 4, 3, 2, 1]) }]);
    const changed = Buffer.from(zip);
    const at = 30 + 'x.bin'.length + 2;
    changed[at] = (changed[at] ?? 0) ^ 1;
    expect(() => readZip(changed)).toThrow(/CRC/);
    expect(() => readZip(zip.subarray(0, zip.length - 10))).toThrow(ZipError);
    expect(() => readZip(zip.subarray(0, 40))).toThrow(ZipError);
    expect(() => readZip(Buffer.from('这不是压缩包'.repeat(10)))).toThrow(/不是有效的 zip/);
  });

  it('refuses a zip that inflates beyond the limit', () => {
    const zip = writeZip([{ name: 'big', data: Buffer.alloc(100_000) }]);
    expect(() => readZip(zip, { maxTotalBytes: 50_000 })).toThrow(/过大/);
  });
});
