import { AREAS } from '../../core/areas';
import { UnreadableArchive, verifyArchive, type Verdict } from '../../core/archive/verify';
import type { Certificate } from '../../core/crypto/x509/certificate';
import type { AreaRegistry } from '../../core/kernel/registry';
import { readZipLenient, ZipError } from '../zip/read';

export interface ArchiveReport {
  /** 0: everything holds; 1: something failed (the first is named last); 2: not a readable package. */
  code: 0 | 1 | 2;
  lines: string[];
  verdicts: Verdict[];
}

/**
 * `oa archive verify`: one line per verdict (通过/失败), the trust anchor used, and a conclusion
 * that names the first failure. Offline: everything comes from the package (and `anchors`, the
 * unit's own CA, when the verifier gives one).
 */
export function verifyArchiveBytes(zip: Buffer, o: { anchors?: readonly Certificate[]; registry?: AreaRegistry } = {}): ArchiveReport {
  let files: Map<string, Uint8Array | Error>;
  try {
    files = readZipLenient(zip);
  } catch (err) {
    if (err instanceof ZipError) return { code: 2, lines: [`无法读取归档封装包:${err.message}`], verdicts: [] };
    throw err;
  }
  let result;
  try {
    result = verifyArchive(files, { registry: o.registry ?? AREAS, ...(o.anchors ? { anchors: o.anchors } : {}) });
  } catch (err) {
    if (err instanceof UnreadableArchive) return { code: 2, lines: [`无法读取归档封装包:${err.message}`], verdicts: [] };
    throw err;
  }
  const lines = result.verdicts.map((v) => `${v.ok ? '通过' : '失败'}  ${v.subject}:${v.message}`);
  const anchorNote = o.anchors ? '(由 --trust 指定)' : '(包内 CA;未用 --trust 指定本单位 CA 时,只能证明包内自洽,请核对指纹)';
  for (const a of result.anchors) lines.push(`信任锚 ${a.subject} SM3 指纹 ${a.fingerprint}${anchorNote}`);
  if (result.anchors.length === 0) lines.push('信任锚:无(包内没有 CA 证书)');
  const failed = result.verdicts.filter((v) => !v.ok);
  const first = failed[0];
  if (!first) {
    lines.push(`结论:全部 ${result.verdicts.length} 项验证通过`);
    return { code: 0, lines, verdicts: result.verdicts };
  }
  lines.push(`结论:验证未通过(${failed.length} 项失败),第一处:${first.subject}:${first.message}`);
  return { code: 1, lines, verdicts: result.verdicts };
}
