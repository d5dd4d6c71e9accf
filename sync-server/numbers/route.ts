import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AccessControl } from '../auth/access';
import { BodyError, readBody } from '../http-body';
import { errorBody, sendJson } from '../http-json';
import type { NumberAllocator } from './allocator';

/**
 * `POST /numbers {series, year, recordId}` with a bearer token → `{seq}`: the 编号 service
 * (main/documents/numbering.ts is its client). Who may ask:
 * - a 收文号 series `收文:<unit>`: a member of that unit (or an administrator);
 * - a 发文 series (a 机关代字): an editor of the record, which must already be on the server
 *   (the app submits the 公文's events before it asks) — 409 NOT_SYNCED until then.
 */
export const NumberRequestBody = z
  .object({
    series: z.string().trim().min(1).max(120),
    year: z.number().int().min(1949).max(2999),
    recordId: z.string().min(1).max(200),
  })
  .strict();

export interface NumberRouteDeps {
  access: AccessControl;
  allocator: NumberAllocator;
  now: () => number;
  bodyTimeoutMs: number;
  onAllocate?: (ms: number) => void;
}

export async function handleNumbers(req: IncomingMessage, res: ServerResponse, deps: NumberRouteDeps): Promise<void> {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const auth = deps.access.authenticate(bearer);
  if (!auth.ok) return sendJson(res, 401, errorBody('UNAUTHENTICATED', `登录已失效(${auth.reason})`));
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(req, { maxBytes: 4096, timeoutMs: deps.bodyTimeoutMs }));
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, errorBody('BAD_INPUT', err.message));
    return sendJson(res, 400, errorBody('BAD_INPUT', '请求格式不正确'));
  }
  const body = NumberRequestBody.safeParse(raw);
  if (!body.success) return sendJson(res, 400, errorBody('BAD_INPUT', `请求格式不正确:${body.error.issues[0]?.message ?? ''}`));
  const { user } = auth;
  const { series, year, recordId } = body.data;
  if (series.startsWith('收文:')) {
    const unit = series.slice('收文:'.length);
    if (user.role !== 'admin' && !user.units.includes(unit)) return sendJson(res, 403, errorBody('FORBIDDEN', `您不属于${unit},不能取该单位的收文号`));
  } else {
    const meta = deps.access.accounts.docMeta(recordId);
    if (!meta?.kind) return sendJson(res, 409, errorBody('NOT_SYNCED', '该公文尚未同步到服务器,同步后再编号'));
    if (meta.kind !== 'document') return sendJson(res, 400, errorBody('BAD_INPUT', '只有发文可以编发文字号'));
    if (deps.access.roleFor(user, recordId) !== 'editor') return sendJson(res, 403, errorBody('FORBIDDEN', '您无权为该公文编号'));
  }
  const started = performance.now();
  let allocation;
  try {
    allocation = await deps.allocator.allocateSoon({ series, year, recordId, login: user.login, at: deps.now() });
  } catch {
    return sendJson(res, 503, errorBody('UNAVAILABLE', '编号暂时无法分配,请稍后重试'));
  }
  deps.onAllocate?.(performance.now() - started);
  sendJson(res, 200, { seq: allocation.seq, fresh: allocation.fresh });
}
