import type { Actor } from '../kernel/actor';
import type { Action } from '../kernel/area';
import { CREATE, EDIT } from '../kernel/event';
import { signKindOf, signPermission } from '../records/sign-area';
import { isIncomingEventType } from './events';
import type { IncomingState } from './state';

/**
 * Who may do what on a 收文, from the actor and the state only. The receiving unit's office
 * (办公室/文秘) 签收s, 登记s, 初审s, 拟办s, 传阅s and 归档s; its leader 批办s; the 主办 unit (or the
 * office) 办结s; each reader 阅毕s their own copy; the office, the 督查室 and leaders 催办; the
 * 督查室 links 督办 items. The sender's office delivers (分发). 收文 are created by the office
 * (a sender's office at 分发) or the 督查室 (工作要点 imports).
 */
const REGISTRARS: ReadonlySet<string> = new Set(['office', 'supervisor', 'admin']);

const ofUnit = (actor: Actor, s: IncomingState): boolean => s.unit === null || actor.unit === s.unit || actor.role === 'admin';
const office = (actor: Actor, s: IncomingState): string | null =>
  REGISTRARS.has(actor.role) && ofUnit(actor, s) ? null : '只有收文单位的办公室(文秘)可以办理此步骤';

export function incomingCan(actor: Actor, action: Action, s: IncomingState): string | null {
  if (action.type === CREATE) return REGISTRARS.has(actor.role) ? null : '只有办公室或督查室可以登记和修改收文';
  if (s.phase === 'archived') return '已归档的收文为只读';
  if (action.type === EDIT) return office(actor, s) === null ? null : '只有办公室或督查室可以登记和修改收文';
  if (!isIncomingEventType(action.type)) return '未知的操作';
  switch (action.type) {
    case 'deliver':
      return REGISTRARS.has(actor.role) ? null : '只有发文机关的办公室可以分发';
    case 'receive':
    case 'send_back':
    case 'register':
    case 'review':
    case 'propose':
    case 'circulate':
    case 'archive':
      return office(actor, s);
    case 'instruct':
      return actor.role === 'leader' && ofUnit(actor, s) ? null : '只有收文单位的领导可以批办';
    case 'read':
      return s.copies.some((c) => c.reader.login === actor.login) ? null : '您不在传阅名单中';
    case 'urge':
      return (REGISTRARS.has(actor.role) || actor.role === 'leader') && (ofUnit(actor, s) || actor.role === 'supervisor') ? null : '只有办公室、督查室或领导可以催办';
    case 'supervise':
      return actor.role === 'supervisor' || actor.role === 'admin' ? null : '只有督查室可以转督办';
    case 'complete':
      if (office(actor, s) === null) return null;
      return s.lead !== null && actor.unit === s.lead ? null : '只有主办单位或收文单位办公室可以办结';
    case 'sign':
      return signPermission(actor, signKindOf(action.payload));
  }
  return '未知的操作';
}
