import { z } from 'zod';

/**
 * 提案建议 (records of kind `proposal`): a 人大代表建议 or a 政协提案 as the liaison office registers
 * it. Fields are what the office writes and may correct (the Y.Map, unsigned); who handles it and
 * how far it got are events (rules.ts), never fields.
 */
export const PROPOSAL_KIND = 'proposal';

/** 建议 (人大代表) or 提案 (政协委员). */
export const Category = z.enum(['建议', '提案']);
export type Category = z.infer<typeof Category>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const Text = (max: number) => z.string().trim().max(max);

/** 领衔人 or 附议人: a 代表 (with their 代表团) or a 委员 (with their 界别), and how to reach them. */
export const Proposer = z.object({
  name: Text(50).min(1, '请填写姓名'),
  /** 代表团 (人大) or 界别 (政协). */
  group: Text(100).default(''),
  contact: Text(100).default(''),
});
export type Proposer = z.infer<typeof Proposer>;

export const ProposalFields = z.object({
  kind: z.literal(PROPOSAL_KIND),
  category: Category,
  /** 届次: 十六届. */
  session: Text(40).default(''),
  /** 会次: 三次会议. */
  meeting: Text(40).default(''),
  /** 编号, unique among the office's records (the import refuses a repeat). */
  number: Text(40).min(1, '请填写编号'),
  /** 重点建议/重点提案. */
  key: z.boolean().default(false),
  title: Text(300).min(1, '请填写标题'),
  lead: Proposer,
  cosigners: z.array(Proposer).max(200).default([]),
  /** The date the proposer submitted it (提出日期), when the office has it. */
  submittedOn: IsoDay.nullable().default(null),
  /** The units the office intends to assign (拟主办/拟协办, from the import); 交办 decides. */
  proposedLead: Text(100).default(''),
  proposedHelpers: z.array(Text(100).min(1)).max(30).default([]),
});
export type ProposalFields = z.infer<typeof ProposalFields>;

export const PROPOSAL_FIELD_LABELS: Readonly<Record<string, string>> = {
  category: '类别',
  session: '届次',
  meeting: '会次',
  number: '编号',
  key: '重点',
  title: '标题',
  lead: '领衔人',
  cosigners: '附议人',
  submittedOn: '提出日期',
  proposedLead: '拟主办单位',
  proposedHelpers: '拟协办单位',
  body: '内容',
};

/** Reads any JSON as fields (the Y.Map is unsigned data from other replicas): never throws. */
export function proposalFieldsOf(json: unknown): ProposalFields {
  const raw = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const parsed = ProposalFields.safeParse({ ...raw, kind: PROPOSAL_KIND });
  if (parsed.success) return parsed.data;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const person = (v: unknown): Proposer | null => {
    const p = Proposer.safeParse(v);
    return p.success ? p.data : null;
  };
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    kind: PROPOSAL_KIND,
    category: Category.catch('建议').parse(raw.category),
    session: str('session'),
    meeting: str('meeting'),
    number: str('number') || '(无编号)',
    key: raw.key === true,
    title: str('title') || '(无标题)',
    lead: person(raw.lead) ?? { name: '(未填写)', group: '', contact: '' },
    cosigners: list(raw.cosigners).map(person).filter((p): p is Proposer => p !== null),
    submittedOn: IsoDay.safeParse(raw.submittedOn).success ? (raw.submittedOn as string) : null,
    proposedLead: str('proposedLead'),
    proposedHelpers: list(raw.proposedHelpers).filter((u): u is string => typeof u === 'string' && u !== ''),
  };
}
