import type { Actor } from '../../core/kernel/actor';
import { HotlineLimitTable } from '../../core/petitions/events';
import { DEFAULT_HOTLINE_LIMITS, type HotlineLimits } from '../../core/petitions/limits';
import { isOffice } from '../../core/petitions/permissions';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';

const META_KEY = 'petitions.hotlineLimits';

/**
 * The profile's 12345 limit table (the issue's values until an office sets its own). It is read
 * at 登记 and copied into the 工单 as a signed `hotline_limit` event, so a case keeps the limit it
 * was registered with and every replica computes the same deadline; the table itself stays on the
 * machines that register 12345 工单 (see the README: it is not synced).
 */
export function hotlineLimits(store: Store): HotlineLimits {
  const raw = store.getMeta(META_KEY);
  if (!raw) return DEFAULT_HOTLINE_LIMITS;
  try {
    const parsed = HotlineLimitTable.safeParse(JSON.parse(raw));
    // A damaged setting falls back to the statutory defaults rather than blocking 登记.
    return parsed.success ? parsed.data : DEFAULT_HOTLINE_LIMITS;
  } catch {
    return DEFAULT_HOTLINE_LIMITS;
  }
}

/** Sets the table (the 信访 office or an administrator); applies to 工单 registered from now on. */
export function setHotlineLimits(store: Store, input: unknown, actor: Actor): HotlineLimits {
  if (!isOffice(actor) && actor.role !== 'admin') throw new AppError('FORBIDDEN', '只有信访部门或系统管理员可以设置12345办理时限');
  const parsed = HotlineLimitTable.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_INPUT', `办理时限设置有误:${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(';')}`);
  store.setMeta(META_KEY, JSON.stringify(parsed.data));
  return parsed.data;
}
