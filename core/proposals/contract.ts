import { z } from 'zod';
import { BriefingExport } from '../ipc/dashboard';
import { SatisfactionLevel as SatisfactionLevelName } from './events';
import { Category } from './model';
import { ProposalTerms } from './terms';

/**
 * 提案建议's own methods (the generic `records.*` create, edit, act and show history): the list
 * with its filters and lights, the workflow view of one proposal, batch import, the 答复函, the
 * 公开 export, 统计 and 设置. Spread into core/ipc/contract.ts; main/proposals/handlers.ts
 * implements them.
 */
const Id = z.string().min(1).max(100);
export const LightName = z.enum(['red', 'yellow', 'green', 'none']);
export const PhaseName = z.enum(['registered', 'handling', 'replied', 'dissatisfied', 'redo', 'rated', 'closed']);

export const ProposalFilter = z
  .object({
    unit: z.string().trim().max(100).optional(),
    /** A phase, or 'open' (not 办结). */
    status: z.union([PhaseName, z.literal('open')]).optional(),
    category: Category.optional(),
    light: LightName.optional(),
    resultClass: z.string().max(4).optional(),
    satisfaction: SatisfactionLevelName.optional(),
    onTime: z.boolean().optional(),
    key: z.boolean().optional(),
    q: z.string().trim().max(100).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ProposalFilter = z.input<typeof ProposalFilter>;

export const ProposalRow = z.object({
  id: z.string(),
  number: z.string(),
  kind: Category,
  session: z.string(),
  meeting: z.string(),
  key: z.boolean(),
  title: z.string(),
  lead: z.string(),
  mainUnit: z.string(),
  status: PhaseName,
  statusLabel: z.string(),
  deadline: z.string().nullable(),
  deadlineRule: z.string(),
  light: LightName,
  resultClass: z.string(),
  satisfaction: z.string(),
});
export type ProposalRow = z.infer<typeof ProposalRow>;

export const ProposalPage = z.object({ rows: z.array(ProposalRow), total: z.number().int() });
export type ProposalPage = z.infer<typeof ProposalPage>;

export const DeadlineView = z.object({ name: z.string(), due: z.string(), rule: z.string(), done: z.boolean(), step: z.boolean(), estimated: z.boolean() });

export const ReplyDocView = z.object({
  id: z.string(),
  title: z.string(),
  /** The 公文's 签发/用印 events (valid ones only count for 答复). */
  signatures: z.array(z.object({ eventId: z.string(), kind: z.string(), by: z.string(), at: z.string(), valid: z.boolean() })),
});

/** The workflow as the detail page shows it: state (rules.ts) in plain JSON, deadlines, light. */
export const ProposalView = z.object({
  id: z.string(),
  phase: PhaseName,
  phaseLabel: z.string(),
  /** The reduced state (core/proposals/state.ts ProposalState), for display. */
  state: z.record(z.string(), z.unknown()),
  deadlines: z.array(DeadlineView),
  light: LightName,
  lightReasons: z.array(z.string()),
  /** The last day a unit may ask for 调整, or null. */
  adjustUntil: z.string().nullable(),
  /** The 答复函 being drafted (linked), with its signatures. */
  draft: ReplyDocView.nullable(),
  /** What the current identity may do now (permission and state). */
  actions: z.array(z.string()),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const ImportResult = z.object({
  imported: z.number().int(),
  refused: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  /** Rows already held exactly as they are (a second import of the same file). */
  held: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

const Count = z.number().int().min(0);
export const ProposalStats = z.object({
  total: Count,
  closed: Count,
  replied: Count,
  onTime: Count,
  /** on-time replies / replies, 0–1; null without replies. */
  onTimeRate: z.number().nullable(),
  byUnit: z.array(z.object({ unit: z.string(), total: Count, replied: Count, onTime: Count, closed: Count, satisfied: Count })),
  byClass: z.array(z.object({ code: z.string(), label: z.string(), count: Count })),
  bySatisfaction: z.array(z.object({ level: z.string(), count: Count })),
  byLight: z.array(z.object({ light: LightName, count: Count })),
  byCategory: z.array(z.object({ category: Category, count: Count })),
});
export type ProposalStats = z.infer<typeof ProposalStats>;

export const ProposalSettings = z.object({ terms: ProposalTerms, extraUnits: z.array(z.string().trim().min(1).max(100)).max(500).default([]) });
export type ProposalSettings = z.infer<typeof ProposalSettings>;

/** An uploaded workbook: its name (the extension says XLSX or CSV) and bytes, base64. */
const Upload = z.object({ fileName: z.string().trim().min(1).max(200), base64: z.string().max(28_000_000) }).strict();

export const proposalsContract = {
  proposals: {
    list: { input: ProposalFilter, output: ProposalPage },
    view: { input: z.object({ id: Id }).strict(), output: ProposalView },
    import: { input: Upload, output: ImportResult },
    /** Starts the 答复函 (a 公文 of kind 函) linked to the proposal: the 主办 unit. */
    draftReply: { input: z.object({ id: Id, basis: z.string().max(100).nullable() }).strict(), output: z.object({ documentId: z.string() }) },
    /** 答复 with the signed and sealed 函: the 主办 unit. */
    reply: { input: z.object({ id: Id, basis: z.string().max(100).nullable(), resultClass: z.string().min(1).max(4), publish: z.boolean() }).strict(), output: ProposalView },
    /** The proposal a 公文 answers (the link back from a 答复函), or null. */
    ofDocument: { input: z.object({ documentId: Id }).strict(), output: z.object({ id: z.string(), title: z.string() }).nullable() },
    stats: { input: z.object({ session: z.string().max(40).optional(), category: Category.optional() }).strict().default({}), output: ProposalStats },
    exportPublic: { input: z.object({ format: z.enum(['html', 'docx']) }).strict(), output: BriefingExport },
    units: { input: z.object({}).strict().default({}), output: z.array(z.string()) },
    settings: { input: z.object({}).strict().default({}), output: z.object({ settings: ProposalSettings, problem: z.string().nullable() }) },
    saveSettings: { input: ProposalSettings.strict(), output: z.object({ settings: ProposalSettings, problem: z.string().nullable() }) },
  },
} as const;
