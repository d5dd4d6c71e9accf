import type { Actor } from '../../core/kernel/actor';
import { recordLight } from '../../core/kernel/light';
import { beijingDate } from '../../core/calendar/iso-date';
import { petitionDeadlines } from '../../core/petitions/derived';
import { petitionerLabel } from '../../core/petitions/mask';
import { mayDecrypt } from '../../core/petitions/permissions';
import { caseView, maySee, type PetitionContext } from './context';
import { revealCase, type DecryptReason } from './reveal';

export interface PetitionListRow {
  id: string;
  channel: string;
  category: string;
  /** Masked (张*), unless the viewer may decrypt: then the names, and an audit entry was written. */
  petitioner: string;
  status: string;
  deadline: string | null;
  light: string;
}

/**
 * The cases `viewer` may see, newest first. With a `reason`, names are decrypted (each with an
 * audit entry) where the viewer may; without one, everyone gets masks (the app's list view).
 */
export async function listCases(ctx: PetitionContext, viewer: Actor, opts: { reason?: DecryptReason; only?: ReadonlySet<string> } = {}): Promise<PetitionListRow[]> {
  const ids = ctx.store.use((db) => db.prepare('SELECT id FROM petitions ORDER BY registered_on DESC, rid DESC').pluck().all() as string[]);
  const today = beijingDate(ctx.now());
  const rows: PetitionListRow[] = [];
  for (const id of ids) {
    if (opts.only && !opts.only.has(id)) continue;
    const view = caseView(ctx.store, id);
    const state = view.reduced.state;
    if (!maySee(viewer, state)) continue;
    const light = recordLight(petitionDeadlines(view), today, { closed: state.status === '已办结' || state.status === '不予受理' });
    let petitioner = petitionerLabel(view.fields);
    if (!view.fields.anonymous && view.fields.persons.length > 0 && opts.reason && mayDecrypt(viewer, state)) {
      const names = await revealCase(ctx, id, viewer, opts.reason, ['name']);
      petitioner = names.map((p) => p.name).join('、');
    }
    rows.push({ id, channel: view.fields.channel, category: view.fields.category, petitioner, status: state.status, deadline: light.due, light: light.light });
  }
  return rows;
}
