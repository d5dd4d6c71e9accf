import { describe, expect, it } from 'vitest';
import { isClassified } from './secrecy';

describe('isClassified', () => {
  it.each([
    ['绝密★30年', true],
    ['机密', true],
    ['秘密★1年', true],
    [' 秘 密 ', true],
    ['工作秘密', false],
    ['内部', false],
    ['', false],
    [null, false],
  ])('%s → %s', (marking, expected) => {
    expect(isClassified(marking)).toBe(expected);
  });
});
