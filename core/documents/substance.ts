import { z } from 'zod';
import { toHex, utf8Encode } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import { sm3 } from '../crypto/sm3';
import { plainJson } from '../kernel/signature';
import { cleanTextSm3 } from '../records/body-snapshot';

/**
 * What a leader's 签发 covers, part by part: SM3 of each substantive part of the 公文 as it was
 * signed. A later step (编号, 用印, 分发) names the hashes of the content it acts on; the reducer
 * compares them with the 签发's, so every replica knows that — and what — changed after 签发
 * (复核). The parts the office fills in after 签发 (发文字号, 成文日期, 签发人, 印发日期, 份号) and
 * bookkeeping are not substance. The 正文's hash is the SM3 of its 清稿 (core/records/body-snapshot.ts
 * `cleanTextSm3`), the same hash the step's body snapshot records, so the 清稿 the leader signed can
 * be shown from the snapshot and checked against the signature.
 */
export const SUBSTANCE_PARTS = {
  body: '正文',
  title: '标题',
  docKind: '文种',
  recipients: '主送和抄送',
  issuers: '发文机关',
  attachments: '附件',
  marks: '密级、紧急程度和公开属性',
  note: '附注',
} as const;
export type SubstancePart = keyof typeof SUBSTANCE_PARTS;

const Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const Substance = z.object({
  body: Hex,
  title: Hex,
  docKind: Hex,
  recipients: Hex,
  issuers: Hex,
  attachments: Hex,
  marks: Hex,
  note: Hex,
});
export type Substance = z.infer<typeof Substance>;

const hash = (value: unknown): string => toHex(sm3(utf8Encode(canonicalJson(plainJson(value ?? null)))));

/** The substance hashes of a 公文 from its fields (the Y.Map's JSON) and its 清稿 (core/records/body-blocks.ts `cleanText`). */
export function substanceOf(fields: Record<string, unknown>, cleanText: string): Substance {
  return {
    body: cleanTextSm3(cleanText),
    title: hash(fields.title),
    docKind: hash(fields.docKind),
    recipients: hash([fields.mainRecipients ?? [], fields.ccRecipients ?? []]),
    issuers: hash([fields.issuer, fields.issuerMark, fields.jointIssuers ?? []]),
    attachments: hash([fields.attachmentNote ?? [], fields.attachments ?? []]),
    marks: hash([fields.secrecy ?? '', fields.urgency ?? '', fields.publicity ?? '']),
    note: hash(fields.note ?? ''),
  };
}

/**
 * The 正文 hash of a 签发 signed before it covered the 清稿: SM3 of the canonical JSON of the plain
 * body text (one line per paragraph). Read only to recognise such a 签发's body as unchanged.
 */
export const legacyBodyHash = (bodyText: string): string => hash(bodyText);

/** The parts that differ, in Chinese (正文、标题 …); empty when `a` and `b` cover the same substance. */
export function changedParts(a: Substance, b: Substance): string[] {
  return (Object.keys(SUBSTANCE_PARTS) as SubstancePart[]).filter((k) => a[k] !== b[k]).map((k) => SUBSTANCE_PARTS[k]);
}
