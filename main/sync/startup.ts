import type { SyncBindingOptions } from './app-binding';

/**
 * Sync settings from the command line and the environment, for `npm run web` and `npm start`:
 * `--sync-url ws://127.0.0.1:1234 --sync-token T` (or XIETONG_SYNC_URL / XIETONG_SYNC_TOKEN, which
 * `npm run dev:office` passes) connect at start; without them the login saved in 设置 is used,
 * and with neither the app stays offline. XIETONG_SYNC_BACKOFF_MAX_MS caps the reconnect
 * back-off (tests that restart the server).
 */
export function syncStartOptions(
  flags: { url?: string | undefined; token?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Omit<SyncBindingOptions, 'store'> {
  const url = flags.url ?? env.XIETONG_SYNC_URL;
  const token = flags.token ?? env.XIETONG_SYNC_TOKEN;
  if (url && !token) throw new Error('指定了同步服务器但没有令牌:请同时给出 --sync-token(或 XIETONG_SYNC_TOKEN)');
  if (token && !url) throw new Error('指定了同步令牌但没有服务器地址:请同时给出 --sync-url(或 XIETONG_SYNC_URL)');
  const backoffMaxMs = Number(env.XIETONG_SYNC_BACKOFF_MAX_MS);
  return {
    ...(url && token ? { connect: { url, token } } : {}),
    ...(backoffMaxMs > 0 ? { engine: { backoffBaseMs: Math.min(500, backoffMaxMs), backoffMaxMs } } : {}),
  };
}

/**
 * One line for the host's log: where sync stands at start, and whether the login token is sealed
 * in the profile (Electron) or kept in plain text (the web host has no OS secret store).
 */
export function describeSync(status: { state: string; server: string | null }, tokenSealed = false): string {
  const where = status.server ? `同步服务器:${status.server}` : '未配置同步服务器(可在 设置 → 数据同步 中登录)';
  return tokenSealed ? where : `${where};登录令牌以明文保存在数据目录中(此运行方式无系统密钥保护)`;
}
