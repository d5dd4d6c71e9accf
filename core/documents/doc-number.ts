import { z } from 'zod';

/**
 * 发文字号 (GB/T 9704-2012 7.2.4): 机关代字〔年份〕序号号, e.g. 厦府办〔2022〕47号 — the year in full
 * inside 六角括号, the 序号 without leading zeros and without 第.
 */
export const IssuerCode = z
  .string()
  .trim()
  .min(1, '机关代字不能为空')
  .max(20)
  .regex(/^[^\s〔〕[\]()（）]+$/u, '机关代字不能含空格或括号');

export const NumberYear = z.number().int().min(1949).max(2999);

export const formatDocNumber = (issuerCode: string, year: number, seq: number): string => `${issuerCode}〔${year}〕${seq}号`;

/** The parts of a 发文字号 written this way, or null. */
export function parseDocNumber(text: string): { issuerCode: string; year: number; seq: number } | null {
  const m = /^(.+?)[〔[]((?:19|20|21)\d{2})[〕\]]第?0*(\d+)号$/u.exec(text.trim());
  if (!m) return null;
  return { issuerCode: m[1]!, year: Number(m[2]), seq: Number(m[3]) };
}

/** The allocation of one number: who owns the series and the result (from the sync server, or 本地编号). */
export const NumberAllocation = z.object({
  issuerCode: IssuerCode,
  year: NumberYear,
  seq: z.number().int().min(1),
  /** Allocated by this machine's counter (no sync server configured): 本地编号. */
  local: z.boolean(),
});
export type NumberAllocation = z.infer<typeof NumberAllocation>;
