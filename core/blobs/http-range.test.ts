import { describe, expect, it } from 'vitest';
import { formatContentRange, parseContentRange, parseRange } from './http-range';

describe('Content-Range (PUT chunks)', () => {
  it('reads one inclusive range of a known total and writes it back the same', () => {
    expect(parseContentRange('bytes 0-1048575/209715200')).toEqual({ start: 0, end: 1048575, total: 209715200 });
    expect(parseContentRange('bytes 9-9/10')).toEqual({ start: 9, end: 9, total: 10 });
    expect(formatContentRange({ start: 5, end: 9, total: 10 })).toBe('bytes 5-9/10');
  });

  it('refuses anything else: unknown total, reversed or out-of-file ranges, signs, leading zeros, other units', () => {
    for (const bad of ['bytes 0-9/*', 'bytes 5-4/10', 'bytes 0-10/10', 'bytes -1-5/10', 'bytes 01-5/10', 'items 0-1/2', 'bytes 0-1/2, 3-4/5', '', 'bytes 0-99999999999999999/1e30']) {
      expect(parseContentRange(bad), bad).toBeNull();
    }
    expect(parseContentRange(undefined)).toBeNull();
    expect(parseContentRange(['bytes 0-1/2'])).toBeNull();
  });
});

describe('Range (GET)', () => {
  it('reads an open or closed single range', () => {
    expect(parseRange('bytes=100-')).toEqual({ start: 100, end: null });
    expect(parseRange('bytes=0-99')).toEqual({ start: 0, end: 99 });
  });

  it('ignores suffix ranges, several ranges and malformed ones (the whole file is sent)', () => {
    for (const bad of ['bytes=-100', 'bytes=0-1,5-6', 'bytes=9-1', 'bytes=a-', 'lines=1-2']) expect(parseRange(bad), bad).toBeNull();
  });
});
