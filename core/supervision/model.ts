import { z } from 'zod';

/** 督办事项 (supervision item) fields, stored in the record's Y.Map. Status is not a field. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A 节点目标 (milestone) with its date; `phrase` is the text it was read from, if any. */
export const Milestone = z.object({
  id: z.string().min(1).max(100),
  title: z.string().max(500),
  date: IsoDate,
  phrase: z.string().max(100).default(''),
});
export type Milestone = z.infer<typeof Milestone>;

/** 立项 sources: a 收文, a meeting, a leader's instruction, a 工作要点 document, or other. */
export const SourceKind = z.enum(['incoming', 'meeting', 'instruction', 'work_points', 'other']);
export type SourceKind = z.infer<typeof SourceKind>;
export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  incoming: '收文',
  meeting: '会议',
  instruction: '领导批示',
  work_points: '工作要点',
  other: '其他',
};

/**
 * `project` is a 立项 record: the decision to supervise, linked to its source, with the items as
 * children. `task` is a 督办事项; a task with a parent task is a 分解 sub-task.
 */
export const SupervisionLevel = z.enum(['project', 'task']);
export type SupervisionLevel = z.infer<typeof SupervisionLevel>;

export const SupervisionFields = z.object({
  kind: z.literal('supervision'),
  level: SupervisionLevel.default('task'),
  /** The 立项 record, or the task this one was decomposed from. */
  parentId: z.string().nullable().default(null),
  /** The point's number as printed: 一(一)1, 三(二), 五(四)… */
  code: z.string(),
  title: z.string().min(1, '标题不能为空').max(200),
  /** Top-level section, e.g. 一、打造协同高效的数字政府 */
  section: z.string(),
  /** Sort key of the section/point, so lists keep the document's order. */
  order: z.number().int(),
  subsection: z.string(),
  /** The 分工 as written (牵头/责任单位); the assignments of 交办 are events. */
  lead: z.array(z.string().min(1)),
  responsible: z.array(z.string().min(1)),
  /** The original 完成时限. Only an approved 延期申请 (an event) changes the deadline assessed. */
  deadline: IsoDate.nullable(),
  /** The words the deadline was read from (６月底前), '' when entered by hand. */
  deadlinePhrase: z.string().max(100).default(''),
  milestones: z.array(Milestone).max(100).default([]),
  progressNote: z.string().max(20000),
  /** The 收文 record this item came from, if any. */
  sourceId: z.string().nullable(),
  sourceKind: SourceKind.nullable().default(null),
  /** The source as text when it is not a record: 会议名称, 批示 etc. */
  sourceLabel: z.string().max(500).default(''),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupervisionFields = z.infer<typeof SupervisionFields>;

/** The phase of the lifecycle, derived by the reducer (core/supervision/workflow.ts). */
export const SupervisionStatus = z.enum(['draft', 'in_progress', 'review', 'completed', 'closed']);
export type SupervisionStatus = z.infer<typeof SupervisionStatus>;
export const SUPERVISION_STATUS_LABEL: Record<SupervisionStatus, string> = {
  draft: '待交办',
  in_progress: '办理中',
  review: '办结审核中',
  completed: '已办结',
  closed: '已销号',
};

/** 亮灯: red overdue, yellow needs attention, green on track, none finished. */
export const Light = z.enum(['red', 'yellow', 'green', 'none']);
export type Light = z.infer<typeof Light>;
export const LIGHT_LABEL: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '已办结' };

/** One row of the 督办 list (projection); the light is computed for today when listed. */
export const SupervisionRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  section: z.string(),
  subsection: z.string(),
  order: z.number(),
  lead: z.array(z.string()),
  responsible: z.array(z.string()),
  deadline: z.string().nullable(),
  deadlinePhrase: z.string(),
  /** Approved extension, if any. */
  extendedDeadline: z.string().nullable(),
  status: SupervisionStatus,
  conflict: z.boolean(),
  progressNote: z.string(),
  /** Percent done; for an item with sub-tasks, rolled up from them. */
  progress: z.number(),
  light: Light,
  lightReasons: z.array(z.string()),
  parentId: z.string().nullable(),
  sourceId: z.string().nullable(),
  updatedAt: z.string(),
});
export type SupervisionRow = z.infer<typeof SupervisionRow>;

export const SupervisionSort = z.enum(['order', 'deadline', 'updated', 'light']);

export const SupervisionFilter = z.object({
  section: z.string().optional(),
  lead: z.string().optional(),
  responsible: z.string().optional(),
  status: SupervisionStatus.optional(),
  light: Light.optional(),
  q: z.string().max(200).optional(),
  sort: SupervisionSort.default('order'),
  desc: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type SupervisionFilter = z.infer<typeof SupervisionFilter>;
export type SupervisionFilterInput = z.input<typeof SupervisionFilter>;

export const SupervisionPage = z.object({
  rows: z.array(SupervisionRow),
  total: z.number().int(),
});
export type SupervisionPage = z.infer<typeof SupervisionPage>;

const UnitList = z.array(z.string().trim().min(1).max(100)).max(200);
const MilestoneInput = z.object({
  id: z.string().min(1).max(100).optional(),
  title: z.string().trim().min(1, '节点名称不能为空').max(500),
  date: IsoDate,
});

/** What a user may edit. Omitted keys stay unchanged. */
export const SupervisionPatch = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(200),
    section: z.string().max(200),
    subsection: z.string().max(200),
    lead: UnitList,
    responsible: UnitList,
    deadline: IsoDate.nullable(),
    milestones: z.array(MilestoneInput).max(100),
    progressNote: z.string().max(20000),
    body: z.string().max(200000),
  })
  .partial()
  .strict();
export type SupervisionPatch = z.infer<typeof SupervisionPatch>;


export const SupervisionCreate = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(200),
    level: SupervisionLevel.default('task'),
    /** 分解: the task (or 立项) this item belongs to. */
    parentId: z.string().min(1).max(100).nullable().default(null),
    section: z.string().max(200).default(''),
    subsection: z.string().max(200).default(''),
    code: z.string().max(40).default(''),
    lead: UnitList.default([]),
    responsible: UnitList.default([]),
    deadline: IsoDate.nullable().default(null),
    milestones: z.array(MilestoneInput).max(100).default([]),
    progressNote: z.string().max(20000).default(''),
    body: z.string().max(200000).default(''),
    sourceId: z.string().nullable().default(null),
    sourceKind: SourceKind.nullable().default(null),
    sourceLabel: z.string().max(500).default(''),
  })
  .strict();
export type SupervisionCreate = z.infer<typeof SupervisionCreate>;
export type SupervisionCreateInput = z.input<typeof SupervisionCreate>;
