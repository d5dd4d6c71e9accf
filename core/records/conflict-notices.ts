import type { NoticeItem } from '../kernel/area';
import type { Reduced } from '../kernel/reduce';
import { userAudience } from '../kernel/audience';

/**
 * The losing side of a concurrent action (two 签发 of one draft offline …) is flagged to its
 * author: one notice per event the reducer did not apply, to whoever made it. Idempotent (keyed by
 * the event), so every replica computes the same notice.
 */
export function conflictNotices(reduced: Reduced<unknown>, title: string, labelOf: (type: string) => string): NoticeItem[] {
  return reduced.history
    .filter((h) => h.conflict !== null && !h.event.actor.startsWith('system:'))
    .map((h) => ({
      key: `conflict:${h.event.id}`,
      kind: 'conflict',
      audience: userAudience(h.event.actor),
      title: `您的“${labelOf(h.event.type)}”未生效`,
      body: `《${title}》:${h.conflict ?? ''}`,
      at: h.event.at,
    }));
}
