import { z } from 'zod';
import { DocumentDetail, DocumentRow } from '../documents/model';
import { BriefingExport } from './dashboard';

/**
 * 发文: 公文 records drafted here (record kind `document`); spread into core/ipc/contract.ts.
 * main/documents/handlers.ts implements them.
 */
const Id = z.string().min(1).max(100);

export const documentsContract = {
  documents: {
    /** Newest first, from the projection. */
    list: { input: z.object({}).strict().default({}), output: z.array(DocumentRow) },
    get: { input: z.object({ id: Id }).strict(), output: DocumentDetail },
    /** Laid out (GB/T 9704) from the stored record, as PDF or DOCX, base64. */
    export: { input: z.object({ id: Id, format: z.enum(['pdf', 'docx']) }).strict(), output: BriefingExport },
  },
} as const;
