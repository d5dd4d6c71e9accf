/**
 * GB/T 9704-2012 page geometry. Lengths in mm as the standard states them, converted to PDF
 * points (1/72 inch) and Word twips (1/1440 inch) here and nowhere else.
 */
export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;
export const twips = (pt: number): number => Math.round(pt * 20);

/** A4. */
export const PAGE_MM = { width: 210, height: 297 } as const;
/** 天头 37 mm, 订口 (left, binding side) 28 mm. */
export const MARGIN_MM = { top: 37, left: 28 } as const;
/** 版心 156 × 225 mm. */
export const TEXT_AREA_MM = { width: 156, height: 225 } as const;
export const MARGIN_RIGHT_MM = PAGE_MM.width - MARGIN_MM.left - TEXT_AREA_MM.width; // 26
export const MARGIN_BOTTOM_MM = PAGE_MM.height - MARGIN_MM.top - TEXT_AREA_MM.height; // 35

/** 字号 in points. */
export const SIZE = { 初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15, 四号: 14, 小四: 12 } as const;

/** "一般每面排22行，每行排28个字，并撑满版心". */
export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;
export const BODY_SIZE = SIZE.三号;

/**
 * One grid cell: 156 mm / 28 = 15.79 pt, a little less than the 16 pt character, so glyphs are set
 * 0.21 pt tighter than their advance (Word's "每行28字" document grid does the same).
 */
export const CHAR_PITCH = mm(TEXT_AREA_MM.width) / CHARS_PER_LINE;
/** One line: 225 mm / 22 = 28.99 pt. */
export const LINE_PITCH = mm(TEXT_AREA_MM.height) / LINES_PER_PAGE;
export const CHAR_SPACING = CHAR_PITCH - BODY_SIZE;

/** Word needs whole twips; 579 (28.95 pt) is the largest pitch that still fits 22 lines. */
export const DOCX_LINE_PITCH_TWIPS = Math.floor((mm(TEXT_AREA_MM.height) * 20) / LINES_PER_PAGE);
/** w:charSpace: (cell − default font size) in 1/4096 pt. */
export const DOCX_CHAR_SPACE = Math.round(CHAR_SPACING * 4096);

/** Text-area corners in points from the page's top-left corner. */
export const TEXT_LEFT = mm(MARGIN_MM.left);
export const TEXT_TOP = mm(MARGIN_MM.top);
export const TEXT_WIDTH = mm(TEXT_AREA_MM.width);
export const TEXT_BOTTOM = TEXT_TOP + mm(TEXT_AREA_MM.height);

/**
 * CJK fonts put the ideographic em box from −0.12 em to 0.88 em around the baseline; centring it in
 * a line box of height h puts the baseline at top + h/2 + 0.38 em.
 */
export const EM_BOX_TOP = 0.88;
export const baselineInLine = (top: number, lineHeight: number, size: number): number => top + lineHeight / 2 + 0.38 * size;
