import { z } from 'zod';
import { ReportCycle } from '../calendar/report-cycle';
import { Actor } from '../supervision/actor';
import { AttachmentItem, AttachmentRef, FileName, Sm3Hex } from '../supervision/attachments';
import { AssignmentRole, SupervisionEvent, UrgeLevel } from '../supervision/events';
import { SignatureStatus } from '../supervision/signature-status';
import { Light, Milestone, SourceKind, SupervisionLevel, SupervisionRow, SupervisionStatus } from '../supervision/model';

/** The supervision parts of the contract: detail, facets, 待办/已办, the demo session. */

const Stamp = z.object({ eventId: z.string(), at: z.string(), by: Actor });

export const HistoryEntry = z.object({
  event: SupervisionEvent,
  applied: z.boolean(),
  /** Why the event was not applied (a conflict), or null. */
  conflict: z.string().nullable(),
  /** A remark: 重复签收, 视同签收… */
  note: z.string().nullable(),
  /** The event's SM2 signature checked against the profile's trust (core/supervision/signature.ts). */
  signature: SignatureStatus.optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const ReportView = Stamp.extend({
  unit: z.string(),
  text: z.string(),
  percent: z.number(),
  attachments: z.array(AttachmentItem),
  milestones: z.array(z.string()),
  returned: Stamp.extend({ opinion: z.string() }).nullable(),
});
export type ReportView = z.infer<typeof ReportView>;

export const AssignmentView = z.object({
  unit: z.string(),
  role: AssignmentRole,
  group: z.boolean(),
  contact: z.string(),
  phone: z.string(),
  part: z.string(),
  assigned: Stamp,
  acknowledged: Stamp.nullable(),
  /** 签收 limit while not signed. */
  acknowledgeBy: z.string().nullable(),
  acknowledgeOverdue: z.boolean(),
  lastReport: ReportView.nullable(),
  percent: z.number(),
  nextReportDue: z.string().nullable(),
  reportOverdue: z.boolean(),
  evaluation: Stamp.extend({ score: z.number(), comment: z.string() }).nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const UrgeView = Stamp.extend({
  level: UrgeLevel,
  units: z.array(z.string()),
  text: z.string(),
  reads: z.record(z.string(), Stamp),
});
export type UrgeView = z.infer<typeof UrgeView>;

export const ExtensionView = Stamp.extend({
  unit: z.string(),
  deadline: z.string(),
  reason: z.string(),
  decision: Stamp.extend({ approve: z.boolean(), deadline: z.string().nullable(), opinion: z.string() }).nullable(),
});
export type ExtensionView = z.infer<typeof ExtensionView>;

export const CompletionView = Stamp.extend({
  unit: z.string(),
  summary: z.string(),
  attachments: z.array(AttachmentItem),
  review: Stamp.extend({ accept: z.boolean(), opinion: z.string() }).nullable(),
});
export type CompletionView = z.infer<typeof CompletionView>;

export const LightView = z.object({
  light: Light,
  reasons: z.array(z.string()),
  workingDaysLeft: z.number().nullable(),
  /** The deadline assessed: an approved extension, else the original. */
  deadline: z.string().nullable(),
  onTime: z.boolean().nullable(),
  estimated: z.boolean(),
  /** 督查 escalation: blue approaching, yellow behind, red overdue. */
  escalation: UrgeLevel.nullable(),
});
export type LightView = z.infer<typeof LightView>;

export const ReminderView = z.object({
  key: z.string(),
  kind: z.enum(['due_soon', 'overdue', 'acknowledge', 'report', 'milestone']),
  level: UrgeLevel,
  units: z.array(z.string()),
  since: z.string(),
  text: z.string(),
});

export const ChildRow = SupervisionRow.pick({
  id: true,
  code: true,
  title: true,
  status: true,
  light: true,
  lightReasons: true,
  progress: true,
  deadline: true,
  lead: true,
  responsible: true,
});
export type ChildRow = z.infer<typeof ChildRow>;

export const SupervisionDetail = SupervisionRow.extend({
  level: SupervisionLevel,
  body: z.string(),
  createdAt: z.string(),
  /** Id of the last applied linear transition; send it back as `basis` with the next action. */
  head: z.string().nullable(),
  history: z.array(HistoryEntry),
  source: z.object({ id: z.string(), title: z.string(), docNumber: z.string() }).nullable(),
  sourceKind: SourceKind.nullable(),
  sourceLabel: z.string(),
  parent: z.object({ id: z.string(), title: z.string(), level: SupervisionLevel }).nullable(),
  milestones: z.array(Milestone.extend({ reached: z.boolean() })),
  /** Today on the host's clock: the light and notice texts are for this day. */
  today: z.string(),
  lightView: LightView,
  assignments: z.array(AssignmentView),
  acknowledgeDays: z.number().nullable(),
  reportCycle: ReportCycle.nullable(),
  reports: z.array(ReportView),
  urges: z.array(UrgeView),
  extensions: z.array(ExtensionView),
  completions: z.array(CompletionView),
  reminders: z.array(ReminderView),
  children: z.array(ChildRow),
  /** What the current identity may do now (event types). */
  actions: z.array(z.string()),
});
export type SupervisionDetail = z.infer<typeof SupervisionDetail>;

const Facet = z.object({ value: z.string(), count: z.number().int() });
export const SupervisionFacets = z.object({
  sections: z.array(Facet),
  leads: z.array(Facet),
  responsibles: z.array(Facet),
  statuses: z.array(z.object({ value: SupervisionStatus, count: z.number().int() })),
  lights: z.array(z.object({ value: Light, count: z.number().int() })),
});
export type SupervisionFacets = z.infer<typeof SupervisionFacets>;

const InboxItem = SupervisionRow.pick({ id: true, code: true, title: true, status: true, light: true, deadline: true });
export const TodoView = z.object({
  kind: z.string(),
  label: z.string(),
  since: z.string(),
  due: z.string().nullable(),
  ref: z.string(),
  item: InboxItem,
});
export type TodoView = z.infer<typeof TodoView>;
export const DoneView = z.object({ type: z.string(), label: z.string(), at: z.string(), item: InboxItem });
export type DoneView = z.infer<typeof DoneView>;
export const Inbox = z.object({ today: z.string(), todo: z.array(TodoView), done: z.array(DoneView) });
export type Inbox = z.infer<typeof Inbox>;

export const SessionInfo = z.object({
  current: Actor,
  users: z.array(Actor),
  /** True while identities come from the demo directory (not logged in to a sync server). */
  demo: z.boolean(),
  /** Why 演示身份切换 is off (logged in: the identity is the account), or null. */
  switchDisabled: z.string().nullable().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const RecordId = z.string().min(1).max(100);
/**
 * Files of 进展反馈 and 办结申请 (core/supervision/attachments.ts); spread into
 * `contract.supervision`. The file itself is sent with blobs.begin / put / finish (core/ipc/blobs.ts);
 * attachFile then checks that the current identity may add files to the item now and that the blob
 * is on this machine with that size, and returns the ref to put in the action's `attachments`.
 * Files are read with blobs.read (status: blobs.status).
 */
export const supervisionFileMethods = {
  attachFile: {
    input: z
      .object({
        id: RecordId,
        name: FileName,
        mime: z.string().max(200).default(''),
        sm3: Sm3Hex,
        size: AttachmentRef.shape.size,
      })
      .strict(),
    output: AttachmentRef,
  },
} as const;
