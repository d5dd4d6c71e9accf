import { describe, expect, it } from 'vitest';
import { blobRefsIn } from './event-refs';

const SM3 = 'ab'.repeat(32);

describe('blobRefsIn', () => {
  it('names the blobs of an event payload with its actor, and nothing for imports or malformed input', () => {
    const event = { id: 'e1', type: 'report', actor: 'zhang', payload: { text: '报告', files: [{ name: '附件.pdf', sm3: SM3, size: 3, mime: 'application/pdf' }] } };
    expect(blobRefsIn(JSON.stringify(event))).toEqual({ sm3s: [SM3], actor: 'zhang' });
    expect(blobRefsIn(JSON.stringify({ ...event, payload: { text: '无附件' } }))).toBeNull();
    expect(blobRefsIn(JSON.stringify({ ...event, actor: 'system:import' }))).toBeNull();
    expect(blobRefsIn('{not json')).toBeNull();
  });
});
