import mammoth from 'mammoth';
import { AppError } from '../../core/result';

/** The text of a .docx, one paragraph per line (mammoth's raw text: paragraphs end with a blank line). */
export async function docxText(bytes: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    // A tab separates runs laid out in columns (签发人 beside the 发文字号, 印发日期 beside the 印发机关).
    return value.replace(/\t+/g, ' ');
  } catch (err) {
    throw new AppError('BAD_INPUT', `无法读取该 Word 文件:${(err as Error).message}`);
  }
}
