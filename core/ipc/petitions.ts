import { z } from 'zod';
import { DECRYPT_REASONS, HotlineLimitTable } from '../petitions/events';
import { CaseInput, PersonInput } from '../petitions/model';
import { BriefingExport } from './dashboard';

/**
 * 信访投诉 and 12345 (core/petitions); spread into core/ipc/contract.ts, implemented by
 * main/petitions/handlers.ts. Workflow actions go through the generic `records.act`; these are
 * the methods that touch protected personal data (encrypt at 登记, decrypt with an audit entry,
 * rewrap keys at 交办, blind-index search) or need the repeat index.
 */
const Id = z.string().min(1).max(100);
const Field = z.enum(['name', 'idNumber', 'phone', 'address']);

export const PetitionRow = z.object({
  id: z.string(),
  channel: z.string(),
  category: z.string(),
  petitioner: z.string(),
  status: z.string(),
  deadline: z.string().nullable(),
  light: z.string(),
});
export type PetitionRow = z.infer<typeof PetitionRow>;

export const MaskedPerson = z.object({ name: z.string(), idNumber: z.string(), phone: z.string(), address: z.string() });

/** A sealed attachment as everyone who may see the case sees it (no name, no bytes). */
export const PetitionAttachment = z.object({ sm3: z.string(), size: z.number().int(), mime: z.string(), by: z.string(), at: z.string() });
/** 20 MiB per file, base64 (the bytes are sealed in memory before anything is written). */
const FileBase64 = z.string().min(1).max(Math.ceil((20 * 1024 * 1024) / 3) * 4, '单个附件不能超过20 MB');
export const PlainAttachment = z.object({ name: z.string().trim().min(1).max(200), mime: z.string().max(200).default('application/octet-stream'), dataBase64: FileBase64 });

export const PetitionDetail = z.object({
  id: z.string(),
  channel: z.string(),
  category: z.string(),
  hotlineType: z.string().nullable(),
  matter: z.string(),
  locality: z.string(),
  anonymous: z.boolean(),
  status: z.string(),
  unit: z.string().nullable(),
  handler: z.string().nullable(),
  head: z.string().nullable(),
  /** Masked for everyone; plaintext only through `reveal`. */
  persons: z.array(MaskedPerson),
  canDecrypt: z.boolean(),
  allowed: z.array(z.string()),
  deadlines: z.array(z.object({ name: z.string(), due: z.string(), rule: z.string(), done: z.boolean() })),
  history: z.array(z.object({ type: z.string(), label: z.string(), at: z.string(), by: z.string(), note: z.string() })),
  audit: z.array(z.object({ at: z.string(), login: z.string(), name: z.string(), reason: z.string(), fields: z.array(z.string()) })),
  attachments: z.array(PetitionAttachment),
  /** The 信访 office may seal the 答复意见书 now (答复 made, not sealed over it yet). */
  canSeal: z.boolean(),
  /** The verified seal over the current 答复, if any. */
  sealed: z.object({ unit: z.string(), esID: z.string(), at: z.string() }).nullable(),
});
export type PetitionDetail = z.infer<typeof PetitionDetail>;

export const RepeatOffer = z.object({ id: z.string(), kind: z.string(), similarity: z.number(), samePerson: z.boolean(), final: z.boolean(), reasons: z.array(z.string()) });
export type RepeatOffer = z.infer<typeof RepeatOffer>;

export const petitionsContract = {
  petitions: {
    list: { input: z.object({ reason: z.enum(DECRYPT_REASONS).optional() }).strict().default({}), output: z.array(PetitionRow) },
    get: { input: z.object({ id: Id }).strict(), output: PetitionDetail },
    /** Repeats of a case about to be registered (信访 office only: it needs the index key). */
    matches: { input: z.object({ matter: z.string().max(20000), persons: z.array(PersonInput).max(50).default([]) }).strict(), output: z.array(RepeatOffer) },
    /** Repeats of a registered case (its stored tokens), for 关联 from its page; already linked ones left out. */
    matchesOf: { input: z.object({ id: Id }).strict(), output: z.array(RepeatOffer) },
    register: { input: CaseInput, output: z.object({ id: z.string() }) },
    /** Decrypts with a signed audit entry first (reason chosen when viewing). */
    reveal: { input: z.object({ id: Id, reason: z.enum(DECRYPT_REASONS), fields: z.array(Field).min(1).max(4) }).strict(), output: z.array(PersonInput.partial()) },
    assign: { input: z.object({ id: Id, mode: z.enum(['转送', '交办']), unit: z.string().min(1).max(100), handler: z.string().max(100).nullable() }).strict(), output: PetitionDetail },
    /** 受理告知书 / 不予受理告知书 / 答复意见书 as a 公文 PDF, made on demand (it names the petitioner: audited, never stored). */
    notice: { input: z.object({ id: Id, kind: z.enum(['受理告知书', '不予受理告知书', '答复意见书']), reason: z.enum(DECRYPT_REASONS) }).strict(), output: BriefingExport },
    /** 上传附件: sealed with the record key (office or the assigned handler only). */
    attach: { input: z.object({ id: Id, files: z.array(PlainAttachment).min(1).max(20), stage: z.enum(['登记', '办理']).default('办理') }).strict(), output: PetitionDetail },
    /** One attachment in plaintext, after a signed audit entry with the reason chosen. */
    attachment: { input: z.object({ id: Id, sm3: z.string().regex(/^[0-9a-f]{64}$/), reason: z.enum(DECRYPT_REASONS) }).strict(), output: PlainAttachment },
    /** The 12345 limit table of this profile (used at 登记), and the statutory defaults beside it. */
    hotlineLimits: { input: z.object({}).strict().default({}), output: z.object({ limits: HotlineLimitTable, defaults: HotlineLimitTable }) },
    /** Sets it (信访 office or administrator); 工单 already registered keep their limits. */
    setHotlineLimits: { input: HotlineLimitTable, output: HotlineLimitTable },
    /** 答复意见书用印: the office puts the 答复 on the record and seals it (PIN every time). */
    sealReply: { input: z.object({ id: Id, pin: z.string().max(64).optional() }).strict(), output: PetitionDetail },
    /** Cases of a person by name, phone or ID number through the blind index (信访 office only). */
    findPerson: { input: z.object({ field: z.enum(['name', 'idNumber', 'phone']), value: z.string().trim().min(1).max(50) }).strict(), output: z.array(PetitionRow) },
  },
} as const;
