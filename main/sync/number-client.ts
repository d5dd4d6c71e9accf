import { z } from 'zod';
import { AppError } from '../../core/result';
import { httpBase, type FetchLike } from './server-login';

/**
 * The app's client of the sync server's 编号 service (`POST /numbers`, sync-server/numbers):
 * a number per series (a 机关代字, or `收文:<unit>`) and year, the same one again for the same
 * record. Generic: it knows series and records, not 公文 (main/documents/numbering.ts uses it).
 */
export interface NumberRequest {
  series: string;
  year: number;
  recordId: string;
}

export interface NumberServer {
  /** Whether a sync server is configured for this profile (else the caller uses its local counter). */
  configured(): boolean;
  /**
   * The 序号. TRANSPORT when it cannot be had now — unreachable, the login expired, or the record
   * not on the server yet — so the caller keeps it 待编号 and asks again after sync.
   */
  allocate(request: NumberRequest): Promise<number>;
}

const Reply = z.object({ seq: z.number().int().min(1) });
const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export function numberClient(fetcher: FetchLike, credentials: () => { url: string; token: string } | null): NumberServer {
  return {
    configured: () => credentials() !== null,
    async allocate(request) {
      const creds = credentials();
      if (!creds) throw new AppError('TRANSPORT', '未配置同步服务器');
      let status: number;
      let body: unknown = null;
      try {
        const res = await fetcher(`${httpBase(creds.url)}/numbers`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${creds.token}` },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        body = await res.json().catch(() => null);
      } catch (err) {
        throw new AppError('TRANSPORT', `暂时无法连接同步服务器,已标记为待编号,联网后自动编号(${err instanceof Error ? err.message : String(err)})`);
      }
      const ok = Reply.safeParse(body);
      if (status === 200 && ok.success) return ok.data.seq;
      const message = ErrorReply.safeParse(body);
      const text = message.success ? message.data.error.message : `同步服务器返回 ${status}`;
      if (status === 403) throw new AppError('FORBIDDEN', text);
      if (status === 400) throw new AppError('BAD_INPUT', text);
      // 401 (login expired), 409 (not synced yet), 5xx: not now.
      throw new AppError('TRANSPORT', `${text},已标记为待编号,同步后自动编号`);
    },
  };
}
