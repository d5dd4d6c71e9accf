import type { IncomingMessage } from 'node:http';
import * as string from 'lib0/string';
import { z } from 'zod';
import { DUMMY_HASH, parsePasswordHash } from '../../core/sync/password';
import { constantTimeEqual } from '../../core/sync/token';
import type { AccessControl } from './access';
import { scryptAsync } from './node-crypto';

/**
 * Login methods: each turns a request body (unknown JSON) into a verified login, or null.
 * Password login is built in at `POST /auth/login`; the certificate (SM2) login of the crypto
 * work registers another path with `SyncServer.registerLogin` and gets the same token back.
 */
export type LoginMethod = (body: unknown, req: IncomingMessage) => Promise<string | null>;

/**
 * Thrown by a login method that may say why it refused (401 with this message): the certificate
 * login does, once the signature proved the caller holds the key. Password login never does.
 */
export class LoginRefused extends Error {}

const PasswordLogin = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

export function passwordLogin(access: AccessControl): LoginMethod {
  return async (body) => {
    const parsed = PasswordLogin.safeParse(body);
    if (!parsed.success) return null;
    const user = access.accounts.getUser(parsed.data.login);
    const stored = user && !user.disabled ? parsePasswordHash(user.passwordHash) : null;
    // Unknown users are checked against a dummy hash, so timing does not reveal who exists.
    const target = stored ?? DUMMY_HASH;
    const actual = await scryptAsync(string.encodeUtf8(parsed.data.password), target.salt, target.params);
    return stored && constantTimeEqual(actual, stored.hash) ? user!.login : null;
  };
}
