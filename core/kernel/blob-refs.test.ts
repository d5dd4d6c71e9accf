import { describe, expect, it } from 'vitest';
import { blobRefsOf, BlobRef } from './event';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('blobRefsOf', () => {
  it('finds every {sm3, size} at any depth of a payload, once per blob', () => {
    const payload = {
      text: '进展',
      attachments: [{ name: '进展.pdf', sm3: A, size: 10, mime: 'application/pdf' }, '旧附件.docx', { name: '同一文件另一名称.pdf', sm3: A, size: 10 }],
      nested: { deeper: [{ file: { name: '图.png', sm3: B, size: 0 } }] },
    };
    expect([...blobRefsOf(payload)]).toEqual([
      [A, 10],
      [B, 0],
    ]);
  });

  it('ignores what is not a ref: uppercase or short hashes, missing or fractional or negative sizes, and anything too deep', () => {
    const deep: Record<string, unknown> = { sm3: A, size: 1 };
    let wrapped: unknown = deep;
    for (let i = 0; i < 10; i++) wrapped = { inner: wrapped };
    const payload = [{ sm3: A.toUpperCase(), size: 1 }, { sm3: 'ab', size: 1 }, { sm3: B }, { sm3: B, size: 1.5 }, { sm3: B, size: -1 }, wrapped, null, 7, 'x'];
    expect(blobRefsOf(payload).size).toBe(0);
  });

  it('BlobRef carries a mime type, application/octet-stream when unknown', () => {
    expect(BlobRef.parse({ name: '会议纪要.docx', sm3: A, size: 3 })).toEqual({ name: '会议纪要.docx', sm3: A, size: 3, mime: 'application/octet-stream' });
    expect(BlobRef.safeParse({ name: ' ', sm3: A, size: 3 }).success).toBe(false);
  });
});
