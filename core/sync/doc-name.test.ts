import { describe, expect, it } from 'vitest';
import { docNameFromPath, isValidDocName } from './doc-name';

describe('document names', () => {
  it('accepts ordinary names, including Chinese', () => {
    expect(isValidDocName('supervision-1')).toBe(true);
    expect(isValidDocName('厦府办〔2022〕47号')).toBe(true);
    expect(docNameFromPath('/' + encodeURIComponent('督办 一(一)1'))).toBe('督办 一(一)1');
  });

  it('refuses empty, reserved, oversized and control-character names', () => {
    for (const bad of ['', '_sync', '.hidden', 'a/b', 'a\\b', 'a?b', 'x\u0000', 'x'.repeat(201), '\ud800x']) {
      expect(isValidDocName(bad)).toBe(false);
    }
    expect(isValidDocName(42)).toBe(false);
  });

  it('refuses paths whose percent-encoding is not valid UTF-8', () => {
    expect(docNameFromPath('/%FF%FE')).toBeNull();
    expect(docNameFromPath('/%E4%B8')).toBeNull();
    expect(docNameFromPath('/%')).toBeNull();
    expect(docNameFromPath('noslash')).toBeNull();
  });
});
