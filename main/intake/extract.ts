import { parseIntakeText } from '../../core/intake/header';
import type { IntakeResult } from '../../core/intake/model';
import { AppError } from '../../core/result';
import { readZip, ZipError } from '../zip/read';
import { docxText } from './docx-text';
import { ofdText } from './ofd-text';
import { pdfText } from './pdf-text';

export type IntakeFormat = 'pdf' | 'docx' | 'ofd' | 'text';

/** What kind of file this is, from its bytes (the name only breaks a tie for plain text). */
export function sniffFormat(bytes: Buffer): IntakeFormat | null {
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    let names: string[];
    try {
      names = readZip(bytes, { maxTotalBytes: 512 * 1024 ** 2 }).map((e) => e.name);
    } catch (err) {
      if (err instanceof ZipError) throw new AppError('BAD_INPUT', `文件已损坏,无法读取:${err.message}`);
      throw err;
    }
    if (names.includes('OFD.xml')) return 'ofd';
    if (names.includes('word/document.xml')) return 'docx';
    return null;
  }
  // Plain text (the seed is one): valid UTF-8 without NULs.
  if (!bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return 'text';
    } catch {
      return null;
    }
  }
  return null;
}

export const FORMAT_LABEL: Record<IntakeFormat, string> = { pdf: 'PDF', docx: 'Word(DOCX)', ofd: 'OFD', text: '文本' };

/** The text of a received file, by its format. Throws AppError BAD_INPUT for what it cannot read. */
export async function extractText(bytes: Buffer): Promise<{ format: IntakeFormat; text: string }> {
  const format = sniffFormat(bytes);
  if (!format) throw new AppError('BAD_INPUT', '不支持的文件格式:收文只能识别 PDF、DOCX、OFD 或文本文件');
  if (format === 'pdf') return { format, text: await pdfText(bytes) };
  if (format === 'docx') return { format, text: await docxText(bytes) };
  if (format === 'ofd') return { format, text: ofdText(bytes) };
  return { format, text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
}

/** 收文 intake: the file's text and the 9704 header and 版记 read from it. */
export async function extractIntake(bytes: Buffer): Promise<IntakeResult & { format: IntakeFormat }> {
  const { format, text } = await extractText(bytes);
  return { format, ...parseIntakeText(text) };
}
