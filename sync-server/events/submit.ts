import type { User } from '../../core/sync/accounts';
import type { SubmitResult } from '../../core/sync/event-wire';
import type { ServerContext } from '../context';
import { eventIdOf, judgeSubmission, type Judgement } from './judge';
import type { RecordLog } from './record-log';

const result = (eventId: string, status: SubmitResult['status'], seq = 0, reason = ''): SubmitResult => ({ eventId, status, seq, reason });
const UNAVAILABLE = '服务器暂时无法保存,稍后重试';

/**
 * A `submit` frame: events for one record, judged one after another in the order given (a
 * record's `create` first, so the events after it see the record), each appended with the
 * record's next sequence number through the write pipeline (one transaction with whatever else
 * arrived in the same turn). Resolves once every event is appended or refused, in order.
 */
export async function submitEvents(ctx: ServerContext, user: User, name: string, events: readonly string[]): Promise<SubmitResult[]> {
  const role = ctx.access.roleFor(user, name);
  if (!role) {
    ctx.metrics.reject('forbidden');
    return events.map((json) => result(eventIdOf(json), 'refused', 0, '无权访问该记录'));
  }
  let log: RecordLog;
  try {
    log = await ctx.records.open(name);
  } catch (err) {
    ctx.log.error({ doc: name, err: String(err) }, 'record log could not be loaded');
    return events.map((json) => result(eventIdOf(json), 'unavailable', 0, UNAVAILABLE));
  }
  const answers: Array<Promise<SubmitResult>> = [];
  for (const json of events) {
    const judged = judgeSubmission({ registry: ctx.registry, trust: ctx.eventTrust ?? null }, log, user, json);
    answers.push(answer(ctx, log, user, role === 'editor', judged));
  }
  return Promise.all(answers);
}

function answer(ctx: ServerContext, log: RecordLog, user: User, editor: boolean, judged: Judgement): Promise<SubmitResult> {
  switch (judged.kind) {
    case 'known': {
      // Appended before (perhaps from another replica, perhaps still committing): the same answer for everyone
      // who may see the record. A `create` let in while another's identical one was still committing (the
      // same seed imported on two machines) was judged before the record had its units: asked again once it
      // is stored, a user outside them is refused, so their copy goes as a refused import instead of staying
      // forever unable to push.
      const { seq, stored } = judged.known;
      const answer = (): SubmitResult =>
        judged.create && !ctx.access.roleFor(user, log.name) ? result(judged.eventId, 'refused', 0, '无权访问该记录') : result(judged.eventId, 'ok', seq);
      if (!stored) return Promise.resolve(answer());
      return stored.then((ok) => (ok ? answer() : result(judged.eventId, 'unavailable', 0, UNAVAILABLE)));
    }
    case 'refused':
    case 'invalid':
      ctx.metrics.reject(judged.metric);
      ctx.log.warn({ doc: log.name, user: user.login, event: judged.eventId, reason: judged.reason }, `event ${judged.kind}`);
      return Promise.resolve(result(judged.eventId, judged.kind, 0, judged.reason));
    case 'append': {
      if (!editor) {
        ctx.metrics.reject('read-only');
        return Promise.resolve(result(judged.event.id, 'refused', 0, '只读:无权办理该记录'));
      }
      let settle: (ok: boolean) => void = () => {};
      const stored = new Promise<boolean>((resolve) => (settle = resolve));
      const generation = log.generation;
      const seq = log.add(judged.event, judged.text, judged.area, stored);
      return new Promise((resolve) =>
        ctx.pipeline.submit({
          type: 'event',
          log,
          generation,
          entry: { type: 'event', name: log.name, seq, eventId: judged.event.id, data: judged.text, create: judged.create },
          done: (r) => {
            settle(r.ok);
            resolve(r.ok ? result(judged.event.id, 'ok', seq) : result(judged.event.id, 'unavailable', 0, UNAVAILABLE));
          },
        }),
      );
    }
  }
}
