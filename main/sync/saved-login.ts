import { z } from 'zod';
import { SyncUser } from '../../core/ipc/sync';
import type { SecretBox } from './token-box';

/** Where the server and login are kept: the profile's meta table (one profile = one user). */
export const CONFIG_KEY = 'sync.config';

export interface SavedLogin {
  url: string;
  token: string;
  user: SyncUser | null;
}

/** A saved login whose token cannot be opened here: server and user are still known (for 重新登录). */
export interface LockedLogin {
  url: string;
  user: SyncUser | null;
}

export type LoadedLogin =
  /**
   * `resave`: what to store instead, when the login was kept in plain text (saved before sealing
   * existed) and a secret box is available now; null when it is fine as it is.
   */
  | { kind: 'ready'; login: SavedLogin; resave: string | null }
  | { kind: 'locked'; login: LockedLogin };

export const LOCKED_LOGIN_ERROR = '登录已失效,请重新登录(保存的登录凭据无法在本机解密,可能是从其他电脑复制的数据或系统密钥已重置)';

/** As before sealing, and what the web host still writes. */
const PlainConfig = z.object({ url: z.string(), token: z.string(), user: SyncUser.nullable() });
/** The token sealed by a SecretBox (`box` is its id). */
const SealedConfig = z.object({
  url: z.string(),
  sealedToken: z.object({ box: z.string(), value: z.string() }),
  user: SyncUser.nullable(),
});

/**
 * Reads `sync.config`. Nothing saved, or something unparseable: null (not configured, as
 * before). A sealed token that cannot be opened is `locked`: never thrown, and the stored value
 * is left alone, so nothing is lost if the OS secret store comes back.
 */
export function readSavedLogin(raw: string | null, box: SecretBox | undefined): LoadedLogin | null {
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const plain = PlainConfig.safeParse(json);
  if (plain.success) return { kind: 'ready', login: plain.data, resave: box ? sealOrNull(plain.data, box) : null };
  const sealed = SealedConfig.safeParse(json);
  if (!sealed.success) return null;
  const { url, sealedToken, user } = sealed.data;
  if (!box || box.id !== sealedToken.box) return { kind: 'locked', login: { url, user } };
  try {
    return { kind: 'ready', login: { url, token: box.open(sealedToken.value), user }, resave: null };
  } catch {
    return { kind: 'locked', login: { url, user } };
  }
}

/** What `sync.config` holds for a login: the token sealed when a box is given, else as is. */
export function writeSavedLogin(login: SavedLogin, box: SecretBox | undefined): string {
  if (!box) return JSON.stringify(login);
  return JSON.stringify({ url: login.url, sealedToken: { box: box.id, value: box.seal(login.token) }, user: login.user });
}

/** A failing OS store leaves a plain login as it was (it still works; sealed on a later start). */
function sealOrNull(login: SavedLogin, box: SecretBox): string | null {
  try {
    return writeSavedLogin(login, box);
  } catch {
    return null;
  }
}

/**
 * Records with unsent local edits while no engine runs (a locked login): the dirty list the store
 * keeps in its meta on every local write (`markDirtyInMeta`, bookkeeping.ts).
 */
export function pendingInMeta(loadMeta: (key: string) => string | null): number {
  try {
    const dirty: unknown = JSON.parse(loadMeta('sync.dirty') ?? '[]');
    return Array.isArray(dirty) ? dirty.length : 0;
  } catch {
    return 0;
  }
}
