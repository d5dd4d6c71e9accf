import { z } from 'zod';
import { apply, defineArea, reject } from '../../../core/kernel/area';
import { roleAudience } from '../../../core/kernel/audience';
import { CREATE, EDIT } from '../../../core/kernel/event';

/**
 * 便函 (kind `memo`): a tiny area that exists only in tests, to show that an area is one folder
 * and one registration line. A memo is drafted by the office (办公室), submitted for approval
 * (`submit`, by the office) and approved by a leader (`approve`). Once submitted it is in the
 * leaders' 待办; its approving unit may see it (`access`); title, body and the notes are searchable.
 */
export const MemoFields = z.object({
  kind: z.literal('memo'),
  title: z.string().trim().min(1, '请填写标题').max(200),
  /** The unit asked to approve (whose leaders may see the memo). */
  to: z.string().trim().max(100).default(''),
});
export type MemoFields = z.infer<typeof MemoFields>;

export interface MemoState {
  phase: 'draft' | 'submitted' | 'approved';
  submitted: { eventId: string; at: string; note: string } | null;
  approved: { at: string; by: string } | null;
}

export const memoArea = defineArea<MemoState, MemoFields>({
  kind: 'memo',
  label: '便函',
  fieldLabels: { title: '标题', to: '呈批单位' },
  // Forms are checked strictly; what another replica wrote is read with defaults (an area must read any fields).
  input: MemoFields,
  fields: z.object({ kind: z.literal('memo').catch('memo'), title: z.string().catch('(无标题)'), to: z.string().catch('') }),
  events: {
    submit: { label: '呈批', payload: z.object({ note: z.string().trim().max(500).default('') }), linear: true },
    approve: { label: '批准', payload: z.object({ opinion: z.string().trim().max(500).default('') }), linear: true },
  },
  initial: () => ({ phase: 'draft', submitted: null, approved: null }),
  rules: {
    submit: (state: MemoState, p: { note: string }, stamp) =>
      state.phase !== 'draft' ? reject('便函已呈批') : apply(() => Object.assign(state, { phase: 'submitted', submitted: { eventId: stamp.eventId, at: stamp.at, note: p.note } })),
    approve: (state: MemoState, _p: { opinion: string }, stamp) =>
      state.phase !== 'submitted' ? reject('便函尚未呈批或已批准') : apply(() => Object.assign(state, { phase: 'approved', approved: { at: stamp.at, by: stamp.by.name } })),
  },
  can(actor, action) {
    if (action.type === CREATE || action.type === EDIT || action.type === 'submit') return actor.role === 'office' ? null : '只有办公室可以起草和呈批便函';
    if (action.type === 'approve') return actor.role === 'leader' ? null : '只有领导可以批准便函';
    return '未知的操作';
  },
  access: (state) => (state.submitted ? ['市政府办公厅'] : []),
  projection: {
    tables: ['memo'],
    migrations: ['CREATE TABLE memo (rid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, phase TEXT NOT NULL)'],
    rows: (view) => ({ memo: [{ id: view.id, title: view.fields.title, phase: view.reduced.state.phase }] }),
  },
  search: (view) => ({ title: view.fields.title, body: view.body, notes: view.reduced.state.submitted?.note ?? '' }),
  todos: (view) => {
    const s = view.reduced.state.submitted;
    if (view.reduced.state.phase !== 'submitted' || !s) return [];
    return [{ audience: roleAudience('leader'), kind: 'approve', label: '便函待批准', since: s.at, due: null, urgency: 1, ref: s.eventId }];
  },
  notifications: (view) => {
    const s = view.reduced.state.submitted;
    if (view.reduced.state.phase !== 'submitted' || !s) return [];
    return [{ key: `memo:${s.eventId}`, kind: 'approve', audience: roleAudience('leader'), title: `便函待批准:${view.fields.title}`, body: s.note, at: s.at }];
  },
});
