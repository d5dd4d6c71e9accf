import { normalizeDigits } from '../../core/text/normalize';

/**
 * 发文字号: 机关代字〔年份〕序号号, e.g. 厦府办〔2022〕47号 (GB/T 9704-2012 7.2.5): the year in full
 * inside 六角括号 〔〕, the number without 第 and without leading zeros (1 不编为 01).
 */
export interface DocNumber {
  agency: string;
  year: number;
  serial: number;
  /** Normalised text: halfwidth digits. */
  text: string;
}

const SHAPE = /^(\S+?)〔(\d{4})〕(\d+)号$/;
const WRONG_BRACKETS = /[【】[\]［］()（）{}<>〈〉]/;

/** The parsed number, or the reason (in Chinese) it is not a valid 发文字号. */
export function parseDocNumber(raw: string): DocNumber | string {
  const text = normalizeDigits(raw.trim());
  if (!text.includes('〔') && WRONG_BRACKETS.test(text)) return '年份应使用六角括号〔〕,不能用【】、[]或()';
  const m = SHAPE.exec(text);
  if (!m) {
    if (/第\d+号$/.test(text)) return '序号前不加"第"字';
    return '格式应为 机关代字〔年份〕序号号,如 厦府办〔2022〕47号';
  }
  const [, agency = '', year = '', serial = ''] = m;
  if (WRONG_BRACKETS.test(agency)) return '机关代字中不应有括号';
  if (serial.startsWith('0')) return '序号不编虚位(1 不编为 01)';
  return { agency, year: Number(year), serial: Number(serial), text };
}
