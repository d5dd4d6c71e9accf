import type { Actor } from '../../core/kernel/actor';
import { AREAS } from '../../core/areas';
import { isOffice } from '../../core/petitions/permissions';
import { AppError } from '../../core/result';
import { DemoPki } from '../crypto/demo-pki';
import { editRecord } from '../kernel/edit';
import { signatureWriter } from '../signatures/handlers';
import { caseView, type PetitionContext } from './context';
import { replySeal } from './reply-seal';

/**
 * 答复意见书用印: the 信访 office seals the reply with its unit's electronic seal (GB/T 38540,
 * the same `sign` event and verifier as a 公文's 用印). A seal covers the record's content
 * (fields and body), so the 答复 it vouches for is first put on the record (`reply`: the signed
 * reply event's id, text and date) by the office, and the seal is then applied over that.
 * `pin`: the seal holder's PIN, asked for every seal.
 */
export function sealReply(ctx: PetitionContext & { pkiDir: string }, id: string, actor: Actor, pin?: string): void {
  const view = caseView(ctx.store, id);
  const s = view.reduced.state;
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '只有信访部门可以对答复意见书用印');
  if (!s.replied) throw new AppError('CONFLICT', '尚未答复,不能对答复意见书用印');
  const pki = DemoPki.open(ctx.pkiDir, () => ctx.now().getTime());
  // Sealed again only when no seal covers the 答复 as the case is now (one gone stale by a later change may be renewed).
  if (replySeal(ctx.store, id, pki.trust())) throw new AppError('CONFLICT', '答复意见书已用印');
  ctx.signing?.pin?.requireEach(actor.login, pin);
  const event = ctx.store.events(id).find((e) => e.event.id === s.replied!.eventId)?.event;
  const summary = typeof event?.payload.summary === 'string' ? event.payload.summary : '';
  const reply = { eventId: s.replied.eventId, summary, on: s.replied.on };
  editRecord(ctx.store, AREAS, { id, patch: { reply } }, actor, ctx.now(), ctx.signing);
  const write = signatureWriter({ store: ctx.store, now: ctx.now, actor: () => actor, pkiDir: ctx.pkiDir, ...(ctx.signing ? { signing: ctx.signing } : {}) }, () => pki);
  write(id, '用印');
}
