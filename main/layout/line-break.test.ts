import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START, breakLines, type BrokenLine } from './line-break';

const body = (text: string, more = {}): BrokenLine[] => breakLines(text, { cells: 28, firstIndent: 2, ...more });
const HAN = '数字政府建设协同高效服务便民';

describe('character grid', () => {
  it('sets 28 characters on a full line and 26 on an indented first line', () => {
    const lines = body(HAN.repeat(10));
    expect(lines[0]?.chars).toHaveLength(26);
    expect(lines.slice(1, -1).every((l) => l.chars.length === 28)).toBe(true);
    expect(lines[1]?.chars.map((c) => c.x)).toEqual(Array.from({ length: 28 }, (_, i) => i));
    expect(lines.map((l) => l.text).join('')).toBe(HAN.repeat(10));
  });

  it('counts two half-width digits as one cell and never splits a number', () => {
    // 26 characters + 2022 (two cells) fill a line exactly; one character more and 2022 moves down whole.
    expect(body(`${HAN.slice(0, 12)}${HAN}2022年`, { firstIndent: 0 })[0]?.text).toBe(`${HAN.slice(0, 12)}${HAN}2022`);
    const lines = body(`${HAN.slice(0, 13)}${HAN}2022年新建5G基站`, { firstIndent: 0 });
    expect(lines[0]?.text).toBe(`${HAN.slice(0, 13)}${HAN}`);
    expect(lines[0]?.end).toBeCloseTo(28, 9);
    expect(lines[1]?.text).toBe('2022年新建5G基站');
    expect(lines[1]?.chars.map((c) => c.width)).toEqual([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 0.5, 0.5, 1, 1]);
  });

  it('justifies every line but the last to the full width', () => {
    const lines = body(`${HAN}2022年${HAN}${HAN}${HAN}`);
    for (const l of lines.slice(0, -1)) expect(l.end).toBeCloseTo(28, 9);
    expect(lines.at(-1)?.end).toBeLessThan(28);
  });
});

describe('避头尾', () => {
  it('pushes a character down instead of starting a line with 。', () => {
    const text = `${HAN}${HAN}。后续`; // 28 characters, then 。
    const [line1, line2] = body(text, { firstIndent: 0 });
    expect(line1?.text).toBe(`${HAN}${HAN}`.slice(0, 27));
    expect(line2?.text).toBe('民。后续');
    expect(line1?.end).toBeCloseTo(28, 9); // stretched to the full width
  });

  it('never starts a line with closing punctuation nor ends one with an opening mark (random text, fixed seed)', () => {
    const alphabet = Array.from(`${HAN}，。、；：？！）」》“”（《2022ab`);
    let seed = 9704;
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 200; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      const lines = body(text);
      expect(lines.map((l) => l.text).join('')).toBe(text);
      expect(lines.slice(0, -1).every((l) => Math.abs(l.end - 28) < 1e-9)).toBe(true);
      for (const [i, l] of lines.entries()) {
        if (i > 0) expect(NO_LINE_START.has(l.text[0] ?? ''), `${l.text}`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has(l.text.at(-1) ?? ''), l.text).toBe(false);
        expect(l.end).toBeLessThanOrEqual(28 + 1e-9);
      }
    }
  });
});
