import type { IsoDate } from '../calendar/iso-date';
import { beijingDate } from '../calendar/iso-date';
import type { KeyEnvelope } from '../crypto/field/envelopes';
import { apply, reject, type Outcome, type Stamp } from '../kernel/area';
import type { ClockStop, Period } from '../kernel/deadline';
import type { z } from 'zod';
import type * as E from './events';
import { PETITION_RULES, handleDue, limitDue, withinWindow } from './limits';
import { SIGN_EVENT, type SignPayload } from '../records/sign-event';
import { signRule, type SignatureState } from '../records/sign-area';

export type PetitionStatus = '待受理' | '不予受理' | '办理中' | '已答复' | '复查中' | '复查已决定' | '复核中' | '复核已决定' | '已回访' | '已办结';

export interface Stage {
  on: IsoDate;
  eventId: string;
}

export interface PetitionState {
  status: PetitionStatus;
  /** Wrapped data keys, by `${dataKeyId}/${recipient}` (concurrent grants do not overwrite each other). */
  envelopes: Record<string, KeyEnvelope>;
  unit: string | null;
  handler: string | null;
  accepted: Stage | null;
  refused: Stage | null;
  assigned: Stage | null;
  extensionAsked: { days: number; reason: string } | null;
  extendedUntil: IsoDate | null;
  replied: Stage | null;
  reviewRequested: Stage | null;
  reviewDecided: Stage | null;
  recheckRequested: Stage | null;
  recheckDecided: Stage | null;
  hearings: ClockStop[];
  satisfaction: string | null;
  closed: Stage | null;
  links: { target: string; relation: string; reason: string }[];
  /** The 12345 limit set at 登记 (null: the default table applies; cases from before the setting). */
  hotlineLimit: Period | null;
  /** 用印 on the 答复意见书 (the `sign` event, kind 用印, by the 信访 office). */
  seals: SignatureState[];
  /** Sealed attachments, in the order they were added (who and when from the signed event). */
  attachments: { file: E.SealedFile; by: string; at: string; eventId: string }[];
  /** Every decryption: the audit trail (who, when, why, which fields). */
  audit: { at: string; login: string; name: string; reason: string; fields: string[] }[];
}

export const initialState = (): PetitionState => ({
  status: '待受理', envelopes: {}, unit: null, handler: null, accepted: null, refused: null, assigned: null,
  extensionAsked: null, extendedUntil: null, replied: null, reviewRequested: null, reviewDecided: null,
  recheckRequested: null, recheckDecided: null, hearings: [], satisfaction: null, closed: null, links: [], attachments: [], audit: [], hotlineLimit: null, seals: [],
});

type P<T extends z.ZodType> = z.infer<T>;
const dayOf = (stamp: Stamp): IsoDate => beijingDate(new Date(stamp.at));
const stage = (stamp: Stamp, on: IsoDate = dayOf(stamp)): Stage => ({ on, eventId: stamp.eventId });
const addEnvelopes = (s: PetitionState, list: readonly KeyEnvelope[]) => {
  for (const e of list) s.envelopes[`${e.dataKeyId}/${e.recipient}`] = e;
};
const when = (ok: boolean, why: string, run: () => void): Outcome => (ok ? apply(run) : reject(why));
const open = (s: PetitionState) => s.status !== '已办结' && s.status !== '不予受理';

export const rules = {
  keys: (s: PetitionState, p: P<typeof E.KeysPayload>) => apply(() => addEnvelopes(s, p.envelopes)),
  accept: (s: PetitionState, _p: P<typeof E.AcceptPayload>, st: Stamp) =>
    when(s.status === '待受理', '该信访事项已作出受理决定', () => { s.accepted = stage(st); s.status = '办理中'; }),
  refuse: (s: PetitionState, _p: P<typeof E.RefusePayload>, st: Stamp) =>
    when(s.status === '待受理', '该信访事项已作出受理决定', () => { s.refused = stage(st); s.status = '不予受理'; }),
  assign: (s: PetitionState, p: P<typeof E.AssignPayload>, st: Stamp) =>
    when(open(s) && !s.replied, '已答复或已办结的事项不能再转送交办', () => {
      if (s.unit !== p.unit || !s.assigned) s.assigned = stage(st);
      s.unit = p.unit; s.handler = p.handler; addEnvelopes(s, p.envelopes);
    }),
  extend_request: (s: PetitionState, p: P<typeof E.ExtendRequestPayload>) =>
    when(s.status === '办理中' && !s.extendedUntil, '只有办理中且未延期的事项可以申请延期', () => { s.extensionAsked = { days: p.days, reason: p.reason }; }),
  extend_approve: (s: PetitionState, p: P<typeof E.ExtendApprovePayload>) => {
    if (!s.extensionAsked || s.extendedUntil || !s.accepted) return reject('没有待审批的延期申请');
    if (p.until <= handleDue(s.accepted.on, null).due) return reject('延至日期应晚于原办理期限');
    return apply(() => { s.extendedUntil = p.until; s.extensionAsked = null; });
  },
  reply: (s: PetitionState, _p: P<typeof E.ReplyPayload>, st: Stamp) =>
    when(s.status === '办理中', '只有办理中的事项可以答复', () => { s.replied = stage(st); s.status = '已答复'; }),
  review_request: (s: PetitionState, p: P<typeof E.RequestPayload>, st: Stamp) => {
    if (s.status !== '已答复' || !s.replied) return reject('只有已答复的事项可以申请复查');
    if (!withinWindow(p.receivedOn, limitDue(s.replied.on, PETITION_RULES.reviewRequest))) return reject('已超过复查申请期限(收到答复意见之日起30日内)');
    return apply(() => { s.reviewRequested = stage(st, p.receivedOn); s.status = '复查中'; });
  },
  review_decide: (s: PetitionState, _p: P<typeof E.DecidePayload>, st: Stamp) =>
    when(s.status === '复查中', '没有待决定的复查申请', () => { s.reviewDecided = stage(st); s.status = '复查已决定'; }),
  recheck_request: (s: PetitionState, p: P<typeof E.RequestPayload>, st: Stamp) => {
    if (s.status !== '复查已决定' || !s.reviewDecided) return reject('只有复查已决定的事项可以申请复核');
    if (!withinWindow(p.receivedOn, limitDue(s.reviewDecided.on, PETITION_RULES.recheckRequest))) return reject('已超过复核申请期限(收到复查意见之日起30日内)');
    return apply(() => { s.recheckRequested = stage(st, p.receivedOn); s.status = '复核中'; });
  },
  recheck_hearing: (s: PetitionState, p: P<typeof E.HearingPayload>) =>
    when(s.status === '复核中' && p.from <= p.to, '只有复核中的事项可以登记听证期间', () => { s.hearings.push({ from: p.from, to: p.to, reason: '听证' }); }),
  recheck_decide: (s: PetitionState, _p: P<typeof E.DecidePayload>, st: Stamp) =>
    when(s.status === '复核中', '没有待决定的复核申请', () => { s.recheckDecided = stage(st); s.status = '复核已决定'; }),
  visit: (s: PetitionState, p: P<typeof E.VisitPayload>) =>
    when(s.replied !== null && open(s) && s.status !== '复查中' && s.status !== '复核中', '答复后方可回访', () => { s.satisfaction = p.satisfaction; s.status = '已回访'; }),
  close: (s: PetitionState, _p: P<typeof E.ClosePayload>, st: Stamp) =>
    when(s.status === '已回访' || s.status === '复核已决定', '回访后方可办结', () => { s.closed = stage(st); s.status = '已办结'; }),
  decrypt: (s: PetitionState, p: P<typeof E.DecryptPayload>, st: Stamp) =>
    apply(() => { s.audit.push({ at: st.at, login: st.by.login, name: st.by.name, reason: p.reason, fields: p.fields }); }),
  // 用印 of the 答复意见书: after the 答复 only, a seal (not a 签发: the 答复 event is the signature).
  [SIGN_EVENT]: (s: PetitionState, p: SignPayload, st: Stamp) => {
    if (p.kind !== '用印') return reject('信访事项只能对答复意见书用印');
    if (!s.replied) return reject('答复后方可对答复意见书用印');
    return signRule(s.seals, p, st);
  },
  // Set once, at 登记 (before 受理): a 工单 keeps the limit it was registered with.
  hotline_limit: (s: PetitionState, p: P<typeof E.HotlineLimitPayload>) =>
    when(s.hotlineLimit === null && s.status === '待受理', '办理时限在登记时确定,不能再调整', () => { s.hotlineLimit = p.period; }),
  attach: (s: PetitionState, p: P<typeof E.AttachPayload>, st: Stamp) =>
    when(s.status !== '不予受理', '不予受理的事项不能再添加附件', () => {
      for (const file of p.files) s.attachments.push({ file, by: st.by.name, at: st.at, eventId: st.eventId });
    }),
  link: (s: PetitionState, p: P<typeof E.LinkPayload>) => apply(() => { s.links.push({ target: p.target, relation: p.relation, reason: p.reason }); }),
};
