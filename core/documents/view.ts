import { z } from 'zod';
import { DocKind } from './model';

/**
 * What the 发文 pages show of a 公文's workflow (documents.workflow): where it stands, the
 * opinions on its way (办文单), what changed since 签发, its number, copies and links.
 */
const PersonView = z.object({ login: z.string(), name: z.string(), unit: z.string() });

export const DocumentPhase = z.enum(['draft', 'review', 'countersign', 'issue', 'issued', 'recheck', 'numbering', 'numbered', 'sealed', 'distributed', 'archived', 'withdrawn']);

export const DocumentWorkflow = z.object({
  id: z.string(),
  phase: DocumentPhase,
  phaseLabel: z.string(),
  /** Agreed with the body editor: free while 拟稿, 修订 (suggest) after. */
  bodyMode: z.enum(['free', 'suggest']),
  /** Send back as `basis` with the next linear step. */
  head: z.string().nullable(),
  unit: z.string().nullable(),
  drafter: z.string().nullable(),
  reviewers: z.array(PersonView.extend({ passed: z.boolean(), due: z.boolean() })),
  reviewMode: z.enum(['serial', 'parallel']),
  countersign: z.array(z.object({ unit: z.string(), done: z.boolean() })),
  jointIssuers: z.array(z.string()),
  opinions: z.array(z.object({ eventId: z.string(), step: z.string(), name: z.string(), unit: z.string(), at: z.string(), decision: z.string(), opinion: z.string() })),
  issue: z.object({ name: z.string(), login: z.string(), at: z.string(), opinion: z.string() }).nullable(),
  /** The substantive parts changed since 签发 (正文、标题 …): non-empty means 复核 is needed. */
  changedSinceIssue: z.array(z.string()),
  number: z.object({ docNumber: z.string(), local: z.boolean() }).nullable(),
  /** 待编号: asked offline; the number is taken on sync. */
  awaitingNumber: z.boolean(),
  sealedUnits: z.array(z.string()),
  /** Where the copies went: a 收文 at each unit in this system; outside units get the PDF. */
  copies: z.array(z.object({ unit: z.string(), role: z.string(), incomingId: z.string(), phaseLabel: z.string().nullable() })),
  external: z.array(z.string()),
  source: z.object({ id: z.string(), kind: z.string(), label: z.string() }).nullable(),
  /** The step types the current identity may take now. */
  actions: z.array(z.string()),
});
export type DocumentWorkflow = z.infer<typeof DocumentWorkflow>;

export const DocumentListRow = z.object({
  id: z.string(),
  box: z.literal('发文'),
  docKind: DocKind,
  title: z.string(),
  docNumber: z.string(),
  numberLocal: z.boolean(),
  status: z.string(),
  phase: DocumentPhase,
  issuer: z.string(),
  /** The period a 通报 covers. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  createdAt: z.string(),
});
export type DocumentListRow = z.infer<typeof DocumentListRow>;
