import { z } from 'zod';
import { BodySnapshot } from '../records/body-snapshot';
import { SIGN_EVENT, SignPayload } from '../records/sign-event';
import { IssuerCode, NumberYear } from './doc-number';
import { DocKind } from './model';
import { Substance } from './substance';

/**
 * The 发文 workflow's events (拟稿 → 核稿 → 会签 → 签发 → 复核 → 编号 → 用印 → 分发 → 归档), their
 * payloads and labels. Transitions that decide the document's one path are linear (a stale basis is
 * a conflict on every replica: two leaders' 签发 offline); the parallel ones (并行核稿, 会签, each
 * unit's 用印) are not, and their rule checks the state instead.
 */
const Opinion = z.string().trim().max(2000).default('');
const Login = z.string().trim().min(1).max(100);
const Unit = z.string().trim().min(1).max(100);
/**
 * The body as the step left it (core/records/body-snapshot.ts): 送审, 核稿, 会签, 签发 and 复核 record
 * one, for the 花脸稿 between any two of them and the 清稿 each signed. Optional: events made
 * before snapshots existed still parse.
 */
const Snapshot = BodySnapshot.optional();

export const Person = z.object({ login: Login, name: z.string().trim().min(1).max(100), unit: z.string().max(100) });
export type Person = z.infer<typeof Person>;

export const DOC_EVENTS = {
  /** 送核稿 (or straight to 会签/签发 without reviewers): the draft leaves its drafter. */
  submit: {
    label: '送审',
    linear: true,
    payload: z.object({
      docKind: DocKind,
      reviewers: z.array(Person).max(10).default([]),
      mode: z.enum(['serial', 'parallel']).default('serial'),
      /** 会签 units (联合发文's other 发文机关 among them). */
      countersign: z.array(Unit).max(20).default([]),
      /** 联合发文: the other 发文机关, who also seal. */
      jointIssuers: z.array(Unit).max(20).default([]),
      opinion: Opinion,
      bodySnapshot: Snapshot,
    }),
  },
  /** 核稿: pass it on, or return it to the drafter with an opinion. */
  review: { label: '核稿', linear: false, payload: z.object({ decision: z.enum(['pass', 'return']), opinion: Opinion, bodySnapshot: Snapshot }) },
  /** 会签 by a countersigning unit's leader or office. */
  countersign: { label: '会签', linear: false, payload: z.object({ decision: z.enum(['agree', 'return']), opinion: Opinion, bodySnapshot: Snapshot }) },
  /** 签发 (or 退回) by a leader, over the substance as signed (its `body`: the SM3 of the 清稿, as `bodySnapshot.sm3`). */
  issue: { label: '签发', linear: true, payload: z.object({ decision: z.enum(['approve', 'return']), opinion: Opinion, substance: Substance, bodySnapshot: Snapshot }) },
  /** A substantive change after 签发 goes back to the signer (送复核). */
  recheck_request: { label: '送复核', linear: true, payload: z.object({ changed: z.array(z.string().max(40)).min(1).max(20), substance: Substance }) },
  /** 复核 by the signer: the changed substance is signed again, or returned. */
  recheck: { label: '复核', linear: true, payload: z.object({ decision: z.enum(['approve', 'return']), opinion: Opinion, substance: Substance, bodySnapshot: Snapshot }) },
  /** 待编号: finished offline; the number is allocated when the sync server is reached. */
  request_number: { label: '申请编号', linear: true, payload: z.object({ issuerCode: IssuerCode, year: NumberYear, substance: Substance }) },
  /** 编号: the 发文字号, allocated by the sync server (or 本地编号). */
  number: {
    label: '编号',
    linear: true,
    payload: z.object({ issuerCode: IssuerCode, year: NumberYear, seq: z.number().int().min(1), docNumber: z.string().min(1).max(60), local: z.boolean(), substance: Substance }),
  },
  /** 用印 (the `sign` event of core/records/sign-event.ts, kind 用印): each 发文机关 seals the numbered final content. */
  [SIGN_EVENT]: { label: '用印', linear: false, payload: SignPayload },
  /** 印发/分发: a 收文 for each 主送/抄送 unit in this system; the 9704 PDF for the others. */
  distribute: {
    label: '分发',
    linear: true,
    payload: z.object({
      substance: Substance,
      copies: z.array(z.object({ unit: Unit, role: z.enum(['主送', '抄送']), incomingId: z.string().min(1).max(100) })).max(500),
      external: z.array(Unit).max(500).default([]),
    }),
  },
  /** 撤销: the drafting unit withdraws a draft it no longer sends (read-only, out of the 发文 list). */
  withdraw: { label: '撤销', linear: true, payload: z.object({ reason: Opinion }) },
  /** 归档: read-only from now on, for everyone. */
  archive: { label: '归档', linear: true, payload: z.object({ note: Opinion }) },
} as const;

export type DocEventType = keyof typeof DOC_EVENTS;
export type DocPayload<T extends DocEventType> = z.output<(typeof DOC_EVENTS)[T]['payload']>;
export const isDocEventType = (type: string): type is DocEventType => Object.hasOwn(DOC_EVENTS, type);
