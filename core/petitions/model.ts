import { z } from 'zod';
import { LinkPayload } from './events';

/** 信访 channels (信访工作条例 第十七条) plus 12345 hotline cases. */
export const Channel = z.enum(['来信', '来访', '网上', '电话', '12345']);
export type Channel = z.infer<typeof Channel>;

/** 信访事项的分类 (条例 第二十九条起: 建议意见类 / 检举控告类 / 申诉求决类). */
export const Category = z.enum(['建议意见类', '检举控告类', '申诉求决类']);
export type Category = z.infer<typeof Category>;

/** 12345 case types; each has a configurable working-day limit (limits.ts). */
export const HotlineType = z.enum(['紧急', '咨询', '求助', '投诉', '建议']);
export type HotlineType = z.infer<typeof HotlineType>;

/** A petitioner as typed at 登记: plaintext, never stored or synced as is. */
export const PersonInput = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().max(18).default(''),
  phone: z.string().trim().max(20).default(''),
  address: z.string().trim().max(200).default(''),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const PROTECTED_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const;
export type ProtectedField = (typeof PROTECTED_FIELDS)[number];

/**
 * A petitioner as stored in the record's Y.Map: each protected value is an `sm4f1:` ciphertext
 * (core/crypto/field), `masked` is what everyone else sees, `index` holds keyed blind-index
 * tokens (HMAC-SM3 with the office key) for repeat detection and name search; no plaintext.
 */
export const StoredPerson = z.object({
  cipher: z.object({ name: z.string(), idNumber: z.string(), phone: z.string(), address: z.string() }),
  masked: z.object({ name: z.string(), idNumber: z.string(), phone: z.string() }),
  index: z.object({ name: z.string(), idNumber: z.string(), phone: z.string() }),
});
export type StoredPerson = z.infer<typeof StoredPerson>;

/** What 登记 collects (the CLI's CASE.json and the form). */
export const CaseInput = z.object({
  channel: Channel,
  category: Category,
  hotlineType: HotlineType.optional(),
  /** Empty for an anonymous case; several for 联名. */
  persons: z.array(PersonInput).max(50).default([]),
  matter: z.string().trim().min(1).max(20000),
  /** 问题属地 */
  locality: z.string().trim().max(100).default(''),
  /** Matches the registrar chose to link, each with its relation and reason (nothing is linked otherwise). */
  links: z.array(LinkPayload).max(20).default([]),
});
export type CaseInput = z.infer<typeof CaseInput>;

/**
 * The 答复 as the 信访 office put it on the record before sealing (用印): the seal covers the
 * record's content (fields and body), so the reply it vouches for must be part of it.
 */
export const SealedReply = z.object({ eventId: z.string(), summary: z.string(), on: z.string() });
export type SealedReply = z.infer<typeof SealedReply>;

/** The record's fields (Y.Map). `persons` are protected; the key envelopes travel in events. */
export const PetitionFields = z.object({
  kind: z.literal('petition'),
  channel: Channel,
  category: Category,
  hotlineType: HotlineType.nullable(),
  matter: z.string(),
  locality: z.string(),
  anonymous: z.boolean(),
  persons: z.array(StoredPerson),
  reply: SealedReply.nullable().default(null),
});
export type PetitionFields = z.infer<typeof PetitionFields>;

/** Reads the Y.Map's JSON leniently (never throws). */
export function petitionFieldsOf(json: unknown): PetitionFields {
  const parsed = PetitionFields.safeParse(json);
  if (parsed.success) return parsed.data;
  const raw = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const r = schema.safeParse(value);
    return r.success ? r.data : fallback;
  };
  const persons = Array.isArray(raw.persons) ? raw.persons.flatMap((p) => { const r = StoredPerson.safeParse(p); return r.success ? [r.data] : []; }) : [];
  return {
    kind: 'petition',
    channel: pick(Channel, raw.channel, '来信'),
    category: pick(Category, raw.category, '申诉求决类'),
    hotlineType: pick(HotlineType.nullable(), raw.hotlineType, null),
    matter: pick(z.string(), raw.matter, ''),
    locality: pick(z.string(), raw.locality, ''),
    anonymous: pick(z.boolean(), raw.anonymous, persons.length === 0),
    persons,
    reply: pick(SealedReply.nullable(), raw.reply ?? null, null),
  };
}
