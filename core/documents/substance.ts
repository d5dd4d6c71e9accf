import { z } from 'zod';
import { toHex, utf8Encode } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import { sm3 } from '../crypto/sm3';
import { plainJson } from '../kernel/signature';

/**
 * What a leader's 签发 covers, part by part: SM3 of each substantive part of the 公文 as it was
 * signed. A later step (编号, 用印, 分发) names the hashes of the content it acts on; the reducer
 * compares them with the 签发's, so every replica knows that — and what — changed after 签发
 * (复核). The parts the office fills in after 签发 (发文字号, 成文日期, 签发人, 印发日期, 份号) and
 * bookkeeping are not substance.
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

/** The substance hashes of a 公文 from its fields (the Y.Map's JSON) and body text. */
export function substanceOf(fields: Record<string, unknown>, body: string): Substance {
  return {
    body: hash(body),
    title: hash(fields.title),
    docKind: hash(fields.docKind),
    recipients: hash([fields.mainRecipients ?? [], fields.ccRecipients ?? []]),
    issuers: hash([fields.issuer, fields.issuerMark, fields.jointIssuers ?? []]),
    attachments: hash([fields.attachmentNote ?? [], fields.attachments ?? []]),
    marks: hash([fields.secrecy ?? '', fields.urgency ?? '', fields.publicity ?? '']),
    note: hash(fields.note ?? ''),
  };
}

/** The parts that differ, in Chinese (正文、标题 …); empty when `a` and `b` cover the same substance. */
export function changedParts(a: Substance, b: Substance): string[] {
  return (Object.keys(SUBSTANCE_PARTS) as SubstancePart[]).filter((k) => a[k] !== b[k]).map((k) => SUBSTANCE_PARTS[k]);
}
