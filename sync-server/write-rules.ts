import type { User } from '../core/sync/accounts';
import type { ServerContext } from './context';
import type { Room } from './rooms/room';
import type { CheckedUpdate } from './rooms/update-check';

/**
 * Why a Yjs update is refused (nothing of it is stored); each endpoint answers in its own
 * protocol. A `gap` (the update builds on content the server has not received: a live edit
 * overtaking the diff it follows) and `unseen_ids` (it deletes ids the server has never seen: an
 * attack, or an honest client's deletion of its own items whose update was refused) both ask the
 * writer to send again from the server's state vector, which heals the honest case.
 */
export type WriteRefusal = { kind: 'not_created' | 'unseen_ids' | 'gap'; reason: string };

export const NOT_CREATED_REASON = '记录尚未创建(缺少创建操作),修改未保存';
export const UNSEEN_REASON = '更新删除了服务器上不存在的内容,已拒绝';
export const GAP_REASON = '更新依赖服务器尚未收到的内容,请重新同步';

/**
 * The rules every Yjs update passes on both endpoints, after it decoded and the writer was found
 * to be an editor. Workflow events are not in the Y.Doc any more (they are submitted on their
 * own, events/), so what is left is O(size of the update): the record exists (its `create` is
 * appended, or it predates the kernel) — so nobody claims a name with a bare update — and the
 * update touches only ids the server has seen (update-check.ts). Null: it may be written.
 */
export function refuseWrite(ctx: ServerContext, room: Room, checked: CheckedUpdate, user: User): WriteRefusal | null {
  if (!room.record.exists) {
    ctx.metrics.reject('not_created');
    ctx.log.info({ doc: room.name, user: user.login }, 'refused: update of a record that was never created');
    return { kind: 'not_created', reason: NOT_CREATED_REASON };
  }
  if (checked.unseen) {
    ctx.metrics.reject('unseen_ids');
    ctx.log.warn({ doc: room.name, user: user.login }, 'refused: update deletes ids the server has never seen');
    return { kind: 'unseen_ids', reason: UNSEEN_REASON };
  }
  if (checked.gap) {
    ctx.metrics.reject('gap');
    return { kind: 'gap', reason: GAP_REASON };
  }
  return null;
}
