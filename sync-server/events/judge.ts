import type { TrustStore } from '../../core/crypto/x509/chain';
import { isSystemActor } from '../../core/kernel/actor';
import type { AnyArea } from '../../core/kernel/area';
import { CREATE, CreatePayload, type RecordEvent } from '../../core/kernel/event';
import { judgeEvent } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import type { User } from '../../core/sync/accounts';
import { parseEventJson } from '../../core/sync/event-json';
import { hashText, type KnownEvent, type RecordLog } from './record-log';
import { signatureRefusal, verifyEventSignature } from './signature';

export type EventRefusal = 'event_invalid' | 'event_refused' | 'bad_signature';

export type Judgement =
  /** The same id with the same content is in the log already: answered with its seq, whoever sends it. */
  | { kind: 'known'; eventId: string; known: KnownEvent; create: boolean }
  | { kind: 'refused' | 'invalid'; eventId: string; reason: string; metric: EventRefusal }
  /** May be appended; a state conflict (stale basis …) is appended too, and every replica flags it. */
  | { kind: 'append'; event: RecordEvent; text: string; area: AnyArea; create: { kind: string; creatorUnits: string[] } | null };

export interface JudgeContext {
  registry: AreaRegistry;
  /** With trust, every event but a system import must be validly signed by the user. */
  trust: TrustStore | null;
}

/** The id a submitted event claims, for answering it even when it is refused unparsed ('' if none can be read). */
export function eventIdOf(json: string): string {
  const parsed = parseEventJson(json);
  return parsed.ok ? parsed.event.id : claimedId(json);
}

function claimedId(json: string): string {
  const m = /"id"\s*:\s*"([^"\\]{1,100})"/.exec(json.slice(0, 4096));
  return m ? m[1]! : '';
}

/**
 * Judges one submitted event for `user` against the record as the server holds it, in the order
 * of the kernel's design (core/kernel/README.md): parse (size, schema) → idempotency → the record
 * exists, or this is its `create` → actor = the user (`system:*` only from administrators) →
 * signature and certificate attestation, the area's extra check → the area's payload schema and
 * `can()` on the server's state. Costs the event's size plus one reducer step (and the signature).
 */
export function judgeSubmission(ctx: JudgeContext, log: RecordLog, user: Pick<User, 'login' | 'role' | 'units'>, json: string): Judgement {
  const parsed = parseEventJson(json);
  if (!parsed.ok) return { kind: 'invalid', eventId: claimedId(json), reason: parsed.reason, metric: 'event_invalid' };
  const { event, text } = parsed;
  const refused = (reason: string, metric: EventRefusal = 'event_refused'): Judgement => ({ kind: 'refused', eventId: event.id, reason, metric });

  const known = log.ids.get(event.id);
  if (known) return known.hash === hashText(text) ? { kind: 'known', eventId: event.id, known, create: event.type === CREATE } : refused(`办理记录编号(${event.id})已被另一条内容不同的记录使用`);

  let area: AnyArea;
  let create: { kind: string; creatorUnits: string[] } | null = null;
  if (event.type === CREATE) {
    if (log.kind !== null) return refused('记录已存在,不能再次创建');
    const payload = CreatePayload.safeParse(event.payload);
    if (!payload.success) return { kind: 'invalid', eventId: event.id, reason: '创建记录缺少有效的记录类型', metric: 'event_invalid' };
    const found = ctx.registry.byKind(payload.data.kind);
    if (!found) return refused(`服务器不支持此记录类型(${payload.data.kind})`);
    area = found;
    create = { kind: found.kind, creatorUnits: event.by?.unit ? [event.by.unit] : [] };
  } else {
    if (log.kind === null) return refused('记录尚未创建(缺少创建操作),不能办理');
    if (!log.area) return refused(`服务器不支持此记录类型(${log.kind || '未知'}),不能办理`);
    area = log.area;
  }

  const system = isSystemActor(event.actor);
  if (system) {
    if (user.role !== 'admin') return refused(`只有管理员可以写入系统导入事件(${event.actor})`);
  } else if (event.actor !== user.login) {
    return refused(`事件操作人(${event.actor})不是当前登录用户(${user.login})`);
  }
  if (!event.by || event.by.login !== event.actor) return refused('操作人身份(by)缺失或与操作人不一致');
  if (create && !system && !user.units.includes(event.by.unit)) {
    return refused(`创建人单位(${event.by.unit || '无'})不是账号所属单位(${user.units.join('、') || '无'})`);
  }
  if (ctx.trust && !system) {
    const why = signatureRefusal(verifyEventSignature(log.name, event, ctx.trust), user.login);
    if (why) return refused(why, 'bad_signature');
  }
  const extra = area.verifyExtra?.(log.name, event, ctx.trust ?? null);
  if (extra) return refused(extra, 'bad_signature');

  const verdict = judgeEvent(area, log.reduced ?? { state: area.initial(), history: [], conflicts: 0, head: null, created: null }, event);
  if (verdict.kind === 'reject') {
    if (verdict.reject === 'invalid') return { kind: 'invalid', eventId: event.id, reason: verdict.reason, metric: 'event_invalid' };
    if (verdict.reject !== 'basis' && verdict.reject !== 'state') return refused(verdict.reason);
  }
  return { kind: 'append', event, text, area, create };
}
