import { z } from 'zod';
import { DocKind, DocumentDetail, DocumentRow, Urgency } from '../documents/model';
import { DocumentListRow, DocumentWorkflow } from '../documents/view';
import { BriefingExport } from './dashboard';

/**
 * 发文: 公文 records drafted here (record kind `document`); spread into core/ipc/contract.ts.
 * main/documents/handlers.ts and workflow-handlers.ts implement them. 用印 is signatures.sign
 * (kind 用印); the history is records.get.
 */
const Id = z.string().min(1).max(100);
const Units = z.array(z.string().trim().min(1).max(100)).max(50);
const Opinion = z.string().trim().max(2000).default('');
const Person = z.object({ login: z.string().min(1).max(100), name: z.string().min(1).max(100), unit: z.string().max(100) });

export const DocTemplateView = z.object({ docKind: DocKind, purpose: z.string(), title: z.string(), mainRecipients: z.array(z.string()), body: z.array(z.string()), publicity: z.string() });

/** A step of the workflow; `basis` is the workflow's `head` as shown. */
export const DocumentStep = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submit'), reviewers: z.array(Person).max(10).default([]), mode: z.enum(['serial', 'parallel']).default('serial'), countersign: Units.default([]), jointIssuers: Units.default([]), opinion: Opinion }),
  z.object({ type: z.literal('review'), decision: z.enum(['pass', 'return']), opinion: Opinion }),
  z.object({ type: z.literal('countersign'), decision: z.enum(['agree', 'return']), opinion: Opinion }),
  z.object({ type: z.literal('issue'), decision: z.enum(['approve', 'return']), opinion: Opinion }),
  z.object({ type: z.literal('recheck_request') }),
  z.object({ type: z.literal('recheck'), decision: z.enum(['approve', 'return']), opinion: Opinion }),
  z.object({ type: z.literal('archive'), opinion: Opinion }),
  z.object({ type: z.literal('withdraw'), opinion: Opinion }),
]);
export type DocumentStep = z.infer<typeof DocumentStep>;

export const ListFilter = z
  .object({ status: z.string().max(20).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) })
  .strict()
  .default({ offset: 0, limit: 200 });

export const documentsContract = {
  documents: {
    /** Newest first, from the projection; `status` a phase (draft …) or its label (待签发 …). */
    list: { input: ListFilter, output: z.array(DocumentListRow) },
    get: { input: z.object({ id: Id }).strict(), output: DocumentDetail },
    /** Laid out (GB/T 9704) from the stored record, as PDF or DOCX, base64. */
    export: { input: z.object({ id: Id, format: z.enum(['pdf', 'docx']) }).strict(), output: BriefingExport },
    /** The 15 文种 and their 拟稿 templates. */
    templates: { input: z.object({}).strict().default({}), output: z.array(DocTemplateView) },
    /** 拟稿 from a template, as the current identity (its unit is the 发文机关). */
    draft: {
      input: z.object({ docKind: DocKind, title: z.string().trim().max(200).optional(), issuerCode: z.string().trim().max(20).optional(), urgency: Urgency.optional(), secrecy: z.string().max(40).optional() }).strict(),
      output: z.object({ id: z.string() }),
    },
    /** A 公文 drafted from another record (a 提案's 答复函 …), linked both ways: `drawnFrom` lists it on the source. */
    draftFrom: { input: z.object({ sourceId: Id, docKind: DocKind }).strict(), output: z.object({ id: z.string() }) },
    drawnFrom: { input: z.object({ sourceId: Id }).strict(), output: z.array(DocumentListRow) },
    workflow: { input: z.object({ id: Id }).strict(), output: DocumentWorkflow },
    step: { input: z.object({ id: Id, basis: z.string().max(100).nullable(), step: DocumentStep }).strict(), output: DocumentWorkflow },
    /** 编号: from the sync server (or 本地编号); 待编号 when the server cannot be reached now. */
    number: { input: z.object({ id: Id }).strict(), output: DocumentWorkflow },
    /** 印发/分发: a 收文 at each 主送/抄送 unit in this system; the others are listed for the PDF. */
    distribute: { input: z.object({ id: Id, external: Units.default([]) }).strict(), output: DocumentWorkflow },
  },
} as const;

export { DocumentRow };
