import { describe, expect, it } from 'vitest';
import {
  BODY_SIZE,
  CHARS_PER_LINE,
  CHAR_PITCH,
  DOCX_CHAR_SPACE,
  DOCX_LINE_PITCH_TWIPS,
  LINES_PER_PAGE,
  LINE_PITCH,
  MARGIN_BOTTOM_MM,
  MARGIN_RIGHT_MM,
  TEXT_BOTTOM,
  TEXT_LEFT,
  TEXT_TOP,
  TEXT_WIDTH,
  mm,
  twips,
} from './metrics';

describe('GB/T 9704 geometry', () => {
  it('places the 版心 156 × 225 mm at 28 mm from the left and 37 mm from the top of an A4 page', () => {
    expect(TEXT_LEFT).toBeCloseTo(mm(28), 9);
    expect(TEXT_TOP).toBeCloseTo(mm(37), 9);
    expect(TEXT_WIDTH).toBeCloseTo(442.205, 3);
    expect(TEXT_BOTTOM - TEXT_TOP).toBeCloseTo(mm(225), 9);
    expect([MARGIN_RIGHT_MM, MARGIN_BOTTOM_MM]).toEqual([26, 35]);
  });

  it('fits exactly 28 characters of 3号 (16 pt) on a line', () => {
    expect(CHARS_PER_LINE * CHAR_PITCH).toBeCloseTo(TEXT_WIDTH, 9);
    expect(CHAR_PITCH).toBeCloseTo(15.793, 3);
    // 28 characters at their full 16 pt advance would not fit: the grid tightens them by 0.21 pt.
    expect(CHARS_PER_LINE * BODY_SIZE).toBeGreaterThan(TEXT_WIDTH);
    expect(29 * CHAR_PITCH).toBeGreaterThan(TEXT_WIDTH);
  });

  it('fits exactly 22 lines on a page', () => {
    expect(LINES_PER_PAGE * LINE_PITCH).toBeCloseTo(mm(225), 9);
    expect(LINE_PITCH).toBeCloseTo(28.99, 2);
  });

  it('gives Word a whole-twip grid that still holds 22 lines: 579 twips (28.95 pt), charSpace −848', () => {
    expect(DOCX_LINE_PITCH_TWIPS).toBe(579);
    expect(22 * DOCX_LINE_PITCH_TWIPS).toBeLessThanOrEqual(mm(225) * 20);
    expect(22 * (DOCX_LINE_PITCH_TWIPS + 1)).toBeGreaterThan(mm(225) * 20);
    expect(DOCX_CHAR_SPACE).toBe(-848);
    expect(twips(mm(37))).toBe(2098);
    expect(twips(mm(28))).toBe(1587);
  });
});
