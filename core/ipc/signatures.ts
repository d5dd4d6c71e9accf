import { z } from 'zod';

/**
 * 签发与用印 on any record (core/crypto/README.md, "Document signature and seal"); spread into
 * core/ipc/contract.ts. Schemas only: main/signatures implements them.
 */
const RecordId = z.string().min(1).max(100);

export const SignatureKind = z.enum(['签发', '用印']);
export type SignatureKind = z.infer<typeof SignatureKind>;

/**
 * valid: the signature checks out and covers the current content; stale: it checks out but the
 * content changed since (签章不再覆盖当前版本); invalid: it does not check out; untrusted: the
 * certificate (or seal maker) is not trusted now — `code` says why (CERT_REVOKED, CERT_EXPIRED…).
 */
export const SignatureStatusKind = z.enum(['valid', 'stale', 'invalid', 'untrusted']);
export type SignatureStatusKind = z.infer<typeof SignatureStatusKind>;

export const SignatureEntry = z.object({
  /** The record event carrying the signature. */
  eventId: z.string(),
  kind: SignatureKind,
  /** Login of the signer (the event's actor). */
  signer: z.string(),
  signerName: z.string(),
  /** The signer's unit (签发) or the seal's unit (用印). */
  unit: z.string(),
  time: z.string(),
  /** The content hash the signature was made over. */
  contentHash: z.string(),
  status: SignatureStatusKind,
  code: z.string().optional(),
  message: z.string(),
  /** 用印: the seal id (esID). */
  esID: z.string().optional(),
});
export type SignatureEntry = z.infer<typeof SignatureEntry>;

export const SignatureList = z.object({
  /** Hex SM3 of the record's canonical content now. */
  contentHash: z.string(),
  entries: z.array(SignatureEntry),
  /** What the current identity may do on this record. */
  can: z.object({ 签发: z.boolean(), 用印: z.boolean() }),
});
export type SignatureList = z.infer<typeof SignatureList>;

/** `auto`: a demo or test profile that never asks; `session`: asks once per session (seals each time). */
export const PinStatus = z.object({ mode: z.enum(['session', 'auto']), unlocked: z.boolean() });
export type PinStatus = z.infer<typeof PinStatus>;

export const signaturesContract = {
  signatures: {
    list: { input: z.object({ id: RecordId }).strict(), output: SignatureList },
    /**
     * 签发 (SM2 signature of the current identity) or 用印 (the unit's electronic seal) over the
     * content hash. 用印 takes the PIN with the call (`pin`), every time; 签发 needs the key
     * unlocked for the session (`signing.unlock`). Without it: PIN_REQUIRED.
     */
    sign: { input: z.object({ id: RecordId, kind: SignatureKind, pin: z.string().min(1).max(32).optional() }).strict(), output: SignatureList },
  },
  /** The current identity's signing key: unlocked once per session by its PIN (main/kernel/pin-gate.ts). */
  signing: {
    status: { input: z.object({}).strict().default({}), output: PinStatus },
    /** WRONG_PIN leaves the key locked. */
    unlock: { input: z.object({ pin: z.string().min(1, '请输入PIN码').max(32) }).strict(), output: PinStatus },
  },
} as const;
