import type { Actor } from '../kernel/actor';
import type { Action } from '../kernel/area';
import { CREATE, EDIT } from '../kernel/event';
import { SIGN_EVENT } from '../records/sign-event';
import { isDocEventType } from './events';
import { reviewersDue, issuerUnits, STEP_PHASES, type DocumentState } from './state';

/**
 * Who may do what on a 发文, from the actor and the state only (fields are unsigned). 拟稿 is any
 * member of a unit who drafts (科员, 办公室, 领导, 督查室); 核稿 the named reviewers in turn; 会签 a
 * leader or the office of each named unit; 签发 and 复核 a leader of the drafting unit (the 督查室 for
 * its own 通报); 编号, 分发 and 归档 the drafting unit's office (the 督查室 numbers its own 督查通报);
 * 用印 a member of each 发文机关.
 */
/** The body editor's action for accepting 修订 (main/editor/handlers.ts BODY_ACCEPT). */
const BODY_ACCEPT = 'body.accept';

const DRAFTERS: ReadonlySet<string> = new Set(['unit_staff', 'office', 'leader', 'supervisor', 'admin']);
const ISSUERS: ReadonlySet<string> = new Set(['leader', 'supervisor']);
const OFFICE: ReadonlySet<string> = new Set(['office', 'supervisor', 'admin']);

const sameUnit = (actor: Actor, s: DocumentState): boolean => s.unit === null || actor.unit === s.unit;

function editRefusal(actor: Actor, s: DocumentState): string | null {
  if (s.phase === 'archived') return '已归档的公文为只读,任何人不能修改';
  if (s.phase === 'withdrawn') return '已撤销的公文为只读';
  if (s.phase === 'numbered' || s.phase === 'sealed' || s.phase === 'distributed') return '公文已编号定稿,不能再修改';
  if (actor.role === 'admin') return null;
  if (!DRAFTERS.has(actor.role)) return '您不能修改此公文';
  if (s.phase === 'review' && reviewersDue(s).some((r) => r.login === actor.login)) return null;
  if (s.phase === 'countersign' && s.countersignUnits.includes(actor.unit)) return null;
  return sameUnit(actor, s) ? null : '只有拟稿单位可以修改此公文';
}

export function documentCan(actor: Actor, action: Action, s: DocumentState): string | null {
  if (action.type === CREATE) return DRAFTERS.has(actor.role) ? null : '您的身份不能起草公文';
  if (action.type === EDIT) return editRefusal(actor, s);
  // Accepting or rejecting 修订 (the body editor asks): the drafting unit, while the body may still change.
  if (action.type === BODY_ACCEPT) return editRefusal(actor, s) ?? (sameUnit(actor, s) || actor.role === 'admin' ? null : '只有拟稿单位可以接受或拒绝修订');
  if (!isDocEventType(action.type)) return '未知的操作';
  if (s.phase === 'archived') return '已归档的公文为只读';
  if (s.phase === 'withdrawn') return '公文已撤销';
  switch (action.type) {
    case 'submit':
      return DRAFTERS.has(actor.role) && sameUnit(actor, s) ? null : '只有拟稿单位可以送审';
    case 'review':
      return s.reviewers.some((r) => r.login === actor.login) ? null : '您不是本文的核稿人';
    case 'countersign':
      return (actor.role === 'leader' || actor.role === 'office') && s.countersignUnits.includes(actor.unit) ? null : '只有会签单位的领导或办公室可以会签';
    case 'issue':
    case 'recheck':
      if (!ISSUERS.has(actor.role)) return '只有领导可以签发';
      if (action.type === 'recheck' && s.issue && s.issue.by.login !== actor.login) return `复核须由原签发人(${s.issue.by.name})进行`;
      return sameUnit(actor, s) ? null : '只有拟稿单位的领导可以签发';
    case 'withdraw':
      return DRAFTERS.has(actor.role) && sameUnit(actor, s) ? null : '只有拟稿单位可以撤销草稿';
    case 'recheck_request':
      return DRAFTERS.has(actor.role) && sameUnit(actor, s) ? null : '只有拟稿单位可以送复核';
    case 'request_number':
    case 'number':
    case 'distribute':
    case 'archive':
      return OFFICE.has(actor.role) && sameUnit(actor, s) ? null : '只有发文机关的办公室(文秘)可以编号、分发和归档';
    case SIGN_EVENT:
      if ((action.payload as { kind?: unknown } | undefined)?.kind === '签发') return '发文的签发在公文处理中进行(送审后由领导签发)';
      if (actor.unit.trim() === '') return '没有所属单位的身份不能用印';
      return s.unit === null || issuerUnits(s).includes(actor.unit) ? null : '只有发文机关可以用印';
  }
  return '未知的操作';
}

/** The page offers a step in its phase only (STEP_PHASES), and 用印 once per 发文机关. */
export function documentOffered(actor: Actor, action: Action, s: DocumentState): boolean {
  const phases = STEP_PHASES[action.type];
  if (phases && !phases.includes(s.phase)) return false;
  return !(action.type === SIGN_EVENT && s.sealedUnits.includes(actor.unit));
}
