import { z } from 'zod';
import { defineArea, type EventSpec, type Outcome, type Stamp } from '../kernel/area';
import { verifySignExtra } from '../records/sign-area';
import { INCOMING_EVENTS } from './events';
import { incomingDeadlines, incomingNotices, incomingTodos } from './inbox';
import { IncomingFields } from './model';
import { incomingCan } from './permissions';
import { incomingFieldsOf } from './projection';
import { INCOMING_MIGRATIONS, incomingRows } from './projection-table';
import { INCOMING_RULES } from './rules';
import { initialIncomingState, type IncomingState } from './state';

export type { IncomingState } from './state';

/**
 * 收文 as a kernel area: 签收/退回 → 登记 → 初审 → 拟办 → 批办 → 承办 and 传阅 → 办结 → 归档
 * (events.ts, rules.ts, permissions.ts), 催办 through its 办理时限 (inbox.ts), 签发/用印 as before,
 * the list projection, and search over title, 正文, 发文字号 and 发文机关.
 */
export const incomingArea = defineArea<IncomingState, IncomingFields>({
  kind: 'incoming',
  label: '收文',
  fieldLabels: { title: '标题', issuer: '发文机关', docNumber: '发文字号', writtenDate: '成文日期', receivedAt: '收文时间', secrecy: '密级', docKind: '文种' },
  input: IncomingFields,
  fields: z.unknown().transform((json) => incomingFieldsOf(json)),
  events: INCOMING_EVENTS as unknown as Record<string, EventSpec>,
  initial: initialIncomingState,
  rules: INCOMING_RULES as unknown as Record<string, (s: IncomingState, p: never, stamp: Stamp) => Outcome>,
  can: incomingCan,
  // The receiving unit, the 主办 and 协办 units and every reader's unit see it.
  access: (s) => [...new Set([s.unit, s.lead, ...s.assist, ...s.copies.map((c) => c.reader.unit)].filter((u): u is string => !!u))],
  verifyExtra: verifySignExtra,
  projection: { tables: ['incoming'], migrations: INCOMING_MIGRATIONS, rows: (view) => ({ incoming: [incomingRows(view)] }) },
  // 发文字号 and 发文机关 are searchable as notes.
  search: (view) => ({ title: view.fields.title, body: view.body, notes: [view.fields.docNumber, view.fields.issuer].filter(Boolean).join(' ') }),
  todos: incomingTodos,
  deadlines: incomingDeadlines,
  notifications: incomingNotices,
});
