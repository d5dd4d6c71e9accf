import { z } from 'zod';
import { apply, defineArea, reject } from '../../kernel/area';

/**
 * A tiny area for sync tests (not in the app's registry): a `note` anyone may create; `comment`
 * by anyone who may see it; `share` / `unshare` name units that may see it from then on, or no
 * longer (its access rule, from events only); `approve` by a leader, once, with a linear basis. The sync tests' server
 * processes add it to the registry (sync-server/testing/test-cli.ts).
 */
export interface NoteState {
  comments: number;
  shared: string[];
  approvedBy: string | null;
}

const Units = z.array(z.string().trim().min(1).max(100)).min(1).max(50);

export const noteArea = defineArea<NoteState, Record<string, unknown>>({
  kind: 'note',
  label: '测试记录',
  fields: z.record(z.string(), z.unknown()).catch({}),
  events: {
    // Attachments as the app's areas name them (blob refs), for the blob tests.
    comment: { label: '批注', payload: z.object({ text: z.string().max(20000), attachments: z.array(z.object({ name: z.string(), sm3: z.string(), size: z.number() })).max(50).optional() }) },
    share: { label: '分送', payload: z.object({ units: Units }) },
    unshare: { label: '取消分送', payload: z.object({ units: Units }) },
    approve: { label: '批准', payload: z.object({}), linear: true },
  },
  initial: () => ({ comments: 0, shared: [], approvedBy: null }),
  rules: {
    comment: (state) => apply(() => (state.comments += 1)),
    share: (state, payload: { units: string[] }) => apply(() => (state.shared = [...new Set([...state.shared, ...payload.units])])),
    unshare: (state, payload: { units: string[] }) => apply(() => (state.shared = state.shared.filter((u) => !payload.units.includes(u)))),
    approve: (state, _payload, stamp) => (state.approvedBy ? reject('已批准') : apply(() => (state.approvedBy = stamp.by.login))),
  },
  can: (actor, action) => (action.type === 'approve' && actor.role !== 'leader' ? '只有领导可以批准' : null),
  access: (state) => state.shared,
  search: () => ({ title: '', body: '', notes: '' }),
});
