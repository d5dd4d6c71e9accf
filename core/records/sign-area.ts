import type { Actor } from '../kernel/actor';
import { apply, reject, type Action, type EventSpec, type Outcome, type Stamp } from '../kernel/area';
import { CREATE, EDIT, type RecordEvent } from '../kernel/event';
import type { TrustStore } from '../crypto/x509/chain';
import { ISSUER_ROLES, SIGN_EVENT, SignPayload, verifyRecordSignEvent, type SignKind } from './sign-event';

/**
 * 签发 and 用印 as an event type that an area takes into its definition (收文 and 发文 do): the
 * `sign` event (sign-event.ts) with its rule, permission and extra verification. The 公文
 * workflow proper (审核, 签发 order, 登记) comes later; until then any number of signatures may be
 * added, in any state, as before the kernel.
 */
export interface SignatureState {
  eventId: string;
  kind: SignKind;
  at: string;
  by: Actor;
  /** The version signed (SM3 of the record's content). */
  contentHash: string;
}

export const SIGN_EVENT_SPEC: EventSpec = { label: '签章', payload: SignPayload };

/**
 * Appends the signature to the record's list of signatures. One person 签发 one version once: a
 * second 签发 of the same content by the same login is refused (issue 10, point 8); a new version
 * may be signed again, and seals are not limited.
 */
export const signRule = (signatures: SignatureState[], payload: SignPayload, stamp: Stamp): Outcome => {
  const again = payload.kind === '签发' && signatures.some((s) => s.kind === '签发' && s.by.login === stamp.by.login && s.contentHash === payload.contentHash);
  if (again) return reject('您已签发过当前版本,不能重复签发');
  return apply(() => {
    signatures.push({ eventId: stamp.eventId, kind: payload.kind, at: stamp.at, by: stamp.by, contentHash: payload.contentHash });
  });
};

/** 签发: leaders and the 督查室; 用印: any member of a unit, with that unit's seal. Null when allowed. */
export function signPermission(actor: Actor, kind: SignKind | undefined): string | null {
  const issue = ISSUER_ROLES.includes(actor.role) ? null : '只有领导或督查室可以签发';
  const seal = actor.unit.trim() !== '' ? null : '没有所属单位的身份不能用印';
  if (kind === '签发') return issue;
  if (kind === '用印') return seal;
  return issue && seal;
}

export const signKindOf = (payload: unknown): SignKind | undefined => {
  const kind = (payload as { kind?: unknown } | undefined)?.kind;
  return kind === '签发' || kind === '用印' ? kind : undefined;
};

/** The seal or signature inside the payload must check out (the generic `sig` is checked besides). */
export function verifySignExtra(recordId: string, event: RecordEvent, trust: TrustStore | null): string | null {
  if (event.type !== SIGN_EVENT) return null;
  const v = verifyRecordSignEvent(recordId, event, trust);
  if (v.status !== 'valid') return v.message;
  return v.bound ? null : '早期用印:签章未覆盖事件的编号和签章人';
}

/** The state of an area whose only events are signatures. */
export interface SignedRecordState {
  signatures: SignatureState[];
}

/**
 * The parts of an area whose records are signed and sealed and have no workflow yet (收文, 发文):
 * the `sign` event and its rule, and one permission rule — `writers` create and edit (else
 * `refusal`), anyone may sign as signPermission allows.
 */
export function signingAreaParts(writers: ReadonlySet<string>, refusal: string) {
  return {
    events: { [SIGN_EVENT]: SIGN_EVENT_SPEC },
    initial: (): SignedRecordState => ({ signatures: [] }),
    rules: { [SIGN_EVENT]: (state: SignedRecordState, payload: SignPayload, stamp: Stamp) => signRule(state.signatures, payload, stamp) },
    can(actor: Actor, action: Action): string | null {
      if (action.type === CREATE || action.type === EDIT) return writers.has(actor.role) ? null : refusal;
      if (action.type === SIGN_EVENT) return signPermission(actor, signKindOf(action.payload));
      return '未知的操作';
    },
    verifyExtra: verifySignExtra,
  };
}
