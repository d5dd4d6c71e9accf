import { z } from 'zod';

/** 督办事项 (supervision item) fields, stored in the record's Y.Map. Status is not a field. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const SupervisionFields = z.object({
  kind: z.literal('supervision'),
  /** The point's number as printed: 一(一)1, 三(二), 五(四)… */
  code: z.string(),
  title: z.string().min(1, '标题不能为空').max(200),
  /** Top-level section, e.g. 一、打造协同高效的数字政府 */
  section: z.string(),
  /** Sort key of the section/point, so lists keep the document's order. */
  order: z.number().int(),
  subsection: z.string(),
  lead: z.array(z.string().min(1)),
  responsible: z.array(z.string().min(1)),
  deadline: IsoDate.nullable(),
  progressNote: z.string().max(20000),
  /** The 收文 record this item came from, if any. */
  sourceId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupervisionFields = z.infer<typeof SupervisionFields>;

export const SupervisionStatus = z.enum(['in_progress', 'completed']);
export type SupervisionStatus = z.infer<typeof SupervisionStatus>;
export const SUPERVISION_STATUS_LABEL: Record<SupervisionStatus, string> = {
  in_progress: '办理中',
  completed: '已办结',
};

/** One row of the 督办 list (projection). */
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
  status: SupervisionStatus,
  conflict: z.boolean(),
  progressNote: z.string(),
  sourceId: z.string().nullable(),
  updatedAt: z.string(),
});
export type SupervisionRow = z.infer<typeof SupervisionRow>;

export const SupervisionSort = z.enum(['order', 'deadline', 'updated']);

export const SupervisionFilter = z.object({
  section: z.string().optional(),
  lead: z.string().optional(),
  responsible: z.string().optional(),
  status: SupervisionStatus.optional(),
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

/** What a user may edit. Omitted keys stay unchanged. */
export const SupervisionPatch = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(200),
    section: z.string().max(200),
    subsection: z.string().max(200),
    lead: UnitList,
    responsible: UnitList,
    deadline: IsoDate.nullable(),
    progressNote: z.string().max(20000),
    body: z.string().max(200000),
  })
  .partial()
  .strict();
export type SupervisionPatch = z.infer<typeof SupervisionPatch>;

export const SupervisionCreate = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(200),
    section: z.string().max(200).default(''),
    subsection: z.string().max(200).default(''),
    code: z.string().max(40).default(''),
    lead: UnitList.default([]),
    responsible: UnitList.default([]),
    deadline: IsoDate.nullable().default(null),
    progressNote: z.string().max(20000).default(''),
    body: z.string().max(200000).default(''),
    sourceId: z.string().nullable().default(null),
  })
  .strict();
export type SupervisionCreate = z.infer<typeof SupervisionCreate>;
export type SupervisionCreateInput = z.input<typeof SupervisionCreate>;
