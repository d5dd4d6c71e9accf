import { describe, expect, it } from 'vitest';
import { clockFrom } from './clock';

describe('clockFrom', () => {
  it('starts at the given instant and runs on', () => {
    let real = 1_000_000;
    const now = clockFrom('2022-07-05T09:00:00+08:00', () => real);
    expect(now().toISOString()).toBe('2022-07-05T01:00:00.000Z');
    real += 1500;
    expect(now().toISOString()).toBe('2022-07-05T01:00:01.500Z');
  });

  it('is the real clock without a start, and refuses what is not a time', () => {
    expect(clockFrom(undefined, () => 42)().getTime()).toBe(42);
    expect(() => clockFrom('next tuesday')).toThrow(/ISO/);
  });
});
