import { z } from 'zod';
import { Light, SupervisionStatus } from '../supervision/model';

/**
 * The 一屏通览 (dashboard) and 通报 (briefing) parts of the contract; spread into
 * core/ipc/contract.ts. Schemas only: main/supervision/dashboard*.ts and briefing*.ts implement
 * them. Notifications are generic: core/ipc/notifications.ts.
 */

const Count = z.number().int().min(0);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Empty = z.object({}).strict().default({});

/** Items of one group by light (none = 办结 accepted). */
export const LightCounts = z.object({ red: Count, yellow: Count, green: Count, none: Count, total: Count });
export type LightCounts = z.infer<typeof LightCounts>;
export const DashboardGroup = LightCounts.extend({ key: z.string() });
export type DashboardGroup = z.infer<typeof DashboardGroup>;

export const TrendGranularity = z.enum(['week', 'month']);
export type TrendGranularity = z.infer<typeof TrendGranularity>;

export const DashboardQuery = z
  .object({
    trend: TrendGranularity.default('month'),
    /** Rows of the overdue list. */
    overdueLimit: z.number().int().min(1).max(200).default(20),
  })
  .strict()
  .default({ trend: 'month', overdueLimit: 20 });
export type DashboardQueryInput = z.input<typeof DashboardQuery>;

export const OverdueRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  section: z.string(),
  lead: z.array(z.string()),
  responsible: z.array(z.string()),
  /** The deadline assessed (an approved extension, else the original). */
  deadline: z.string(),
  /** Calendar days past the deadline assessed. */
  daysOverdue: z.number().int(),
});
export type OverdueRow = z.infer<typeof OverdueRow>;

export const TrendPoint = z.object({
  /** 2022-06 (month) or the Monday 2022-06-13 (week). */
  period: z.string(),
  from: z.string(),
  to: z.string(),
  count: Count,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const RankingRow = z.object({
  unit: z.string(),
  /** Items with a deadline that are done or past it. */
  assessed: Count,
  onTime: Count,
  /** onTime / assessed, 0..1. */
  rate: z.number(),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const DashboardView = z.object({
  today: z.string(),
  total: Count,
  byStatus: z.array(z.object({ status: SupervisionStatus, count: Count })),
  byLight: z.array(z.object({ light: Light, count: Count })),
  byLead: z.array(DashboardGroup),
  byResponsible: z.array(DashboardGroup),
  bySection: z.array(DashboardGroup),
  overdue: z.object({ total: Count, rows: z.array(OverdueRow) }),
  trend: z.object({ granularity: TrendGranularity, points: z.array(TrendPoint) }),
  /** Units by on-time rate; `enabled` false (an office's choice) → no rows are computed. */
  ranking: z.object({ enabled: z.boolean(), rows: z.array(RankingRow) }),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const RankingSetting = z.object({ enabled: z.boolean() }).strict();
export type RankingSetting = z.infer<typeof RankingSetting>;

/** The widest 黄灯 window an office may set (about six weeks). */
export const MAX_WARN_WORKING_DAYS = 30;

/**
 * 督办设置, kept in the profile: 黄灯 when the deadline is at most `warnWorkingDays` working days
 * away (0: only a missed 签收, report or 节点 turns an item yellow).
 */
export const SupervisionSettings = z
  .object({
    warnWorkingDays: z
      .number({ error: '黄灯预警天数应为整数' })
      .int('黄灯预警天数应为整数')
      .min(0, '黄灯预警天数不能小于 0')
      .max(MAX_WARN_WORKING_DAYS, `黄灯预警天数不能超过 ${MAX_WARN_WORKING_DAYS} 个工作日`),
  })
  .strict();
export type SupervisionSettings = z.infer<typeof SupervisionSettings>;

export const SupervisionSettingsView = SupervisionSettings.extend({
  defaultWarnWorkingDays: Count,
  /** Set when the stored value could not be read and the default is in force; saving repairs it. */
  notice: z.string().nullable(),
});
export type SupervisionSettingsView = z.infer<typeof SupervisionSettingsView>;

/** A 通报 period: both days included. */
export const BriefingPeriod = z
  .object({ from: IsoDay, to: IsoDay })
  .strict()
  .refine((p) => p.from <= p.to, '开始日期不能晚于结束日期');
export type BriefingPeriod = z.infer<typeof BriefingPeriod>;

export const BriefingItem = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  units: z.array(z.string()),
  deadline: z.string().nullable(),
  note: z.string(),
});
export type BriefingItem = z.infer<typeof BriefingItem>;

/** The 通报 as data; the same content is laid out as a GB/T 9704 document for export. */
export const BriefingView = z.object({
  kind: z.literal('通报'),
  period: z.object({ from: z.string(), to: z.string() }),
  /** The day the lights and overdue list are assessed on: the period's end, or today if earlier. */
  asOf: z.string(),
  title: z.string(),
  docNumber: z.string(),
  totals: z.object({
    total: Count,
    inProgress: Count,
    completed: Count,
    completedInPeriod: Count,
    red: Count,
    yellow: Count,
    green: Count,
  }),
  completed: z.array(BriefingItem),
  overdueByUnit: z.array(z.object({ unit: z.string(), items: z.array(BriefingItem) })),
  coordination: z.array(BriefingItem),
  /** The 正文 paragraphs, headings included (一、 …). */
  paragraphs: z.array(z.string()),
});
export type BriefingView = z.infer<typeof BriefingView>;

/** Exports larger than this are refused rather than pushed through one JSON reply. */
export const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

export const BriefingExport = z.object({
  fileName: z.string(),
  mime: z.string(),
  bytes: Count.max(MAX_EXPORT_BYTES),
  base64: z.string(),
});
export type BriefingExport = z.infer<typeof BriefingExport>;

export const dashboardContract = {
  dashboard: {
    /** 一屏通览: the aggregates for today, from the local projection. */
    get: { input: DashboardQuery, output: DashboardView },
    /** The unit ranking switch (anti-formalism), kept in the profile. */
    ranking: { input: Empty, output: RankingSetting },
    setRanking: { input: RankingSetting, output: RankingSetting },
    /** 督办设置 (the 黄灯 window), kept in the profile; every light is computed with it. */
    supervisionSettings: { input: Empty, output: SupervisionSettingsView },
    setSupervisionSettings: { input: SupervisionSettings, output: SupervisionSettingsView },
    /** The 通报 for a period, as data (preview). */
    briefing: { input: BriefingPeriod, output: BriefingView },
    /**
     * Generates the 通报 for a period and stores it as a 公文 record (kind `document`, docKind
     * 通报): documents.get / documents.export read it from there. Returns the record id.
     */
    generateBriefing: { input: BriefingPeriod, output: z.object({ id: z.string() }) },
    /** The 通报 laid out (GB/T 9704) as PDF or DOCX, base64, without storing it. */
    exportBriefing: {
      input: z.object({ from: IsoDay, to: IsoDay, format: z.enum(['pdf', 'docx']) }).strict(),
      output: BriefingExport,
    },
  },
} as const;
