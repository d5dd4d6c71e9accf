import { z } from 'zod';
import { IntakeFields, INTAKE_FIELD_NAMES } from '../intake/model';
import { BlobRef } from '../kernel/event';

/**
 * 收文 intake from files (main/intake): the 登记 form drops a PDF, DOCX or OFD, uploads it to the
 * blob store, and asks for what the file says. Spread into core/ipc/contract.ts.
 */
const Sm3 = z.string().regex(/^[0-9a-f]{64}$/);

export const IntakeExtractInput = z.union([
  /** A finished upload of this session (blobs.*), by its id. */
  z.object({ uploadId: z.string().min(1).max(200) }).strict(),
  /** A blob already on this machine, by its SM3, with the name and type to keep it under. */
  z.object({ sm3: Sm3, name: z.string().trim().min(1).max(200), mime: z.string().max(200).default('application/octet-stream') }).strict(),
]);

export const IntakeExtract = z.object({
  fields: IntakeFields,
  /** The fields it could not find, for 登记 to mark (待补充). */
  missing: z.array(z.enum(INTAKE_FIELD_NAMES)),
  /** 密级 as printed when the 版头 carries one: 登记 refuses the document. */
  secrecy: z.string().optional(),
  format: z.enum(['pdf', 'docx', 'ofd', 'text']),
  /** The extracted text (for 正文). */
  text: z.string(),
  /** The file itself, for the 登记 event to keep as the record's 原件. */
  original: BlobRef,
});
export type IntakeExtract = z.infer<typeof IntakeExtract>;

export const intakeContract = {
  intake: {
    extract: { input: IntakeExtractInput, output: IntakeExtract },
  },
} as const;
