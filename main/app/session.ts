import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Handlers } from '../../core/ipc/dispatch';
import type { SessionInfo } from '../../core/ipc/supervision';
import { AppError } from '../../core/result';
import type { Actor } from '../../core/kernel/actor';
import { DEFAULT_LOGIN, DEMO_USERS } from '../../core/directory/demo-users';
import { actorForAccount, switchDisabledReason, type SyncAccount } from './account-identity';

/**
 * The current identity. Offline, a choice among the demo directory, switched in 设置
 * (演示身份切换) and remembered in `<profile>/session.json` so a restart keeps it: every workflow
 * event records who acted, so switching identity is how one machine plays the 督查室 and the
 * units in a demonstration. Once the profile is logged in to a sync server (`account`), the
 * identity is that account and switching is refused with the reason (account-identity.ts).
 */
export interface Session {
  current(): Actor;
  users(): readonly Actor[];
  /** Why switching is off (logged in to a sync server), or null. */
  switchDisabled(): string | null;
  switchTo(login: string): Actor;
}

export interface SessionOptions {
  /** Where the chosen login is kept; omitted: in memory only (tests). */
  file?: string;
  users?: readonly Actor[];
  defaultLogin?: string;
  /** The sync account the profile is logged in with, if any (SyncBinding.account). */
  account?: () => SyncAccount | null;
}

const Saved = z.object({ login: z.string() });

export const sessionFile = (dataDir: string): string => path.join(dataDir, 'session.json');

export function createSession(opts: SessionOptions = {}): Session {
  const users = opts.users ?? DEMO_USERS;
  const find = (login: string) => users.find((u) => u.login === login);
  const fallback = find(opts.defaultLogin ?? DEFAULT_LOGIN) ?? users[0];
  if (!fallback) throw new Error('the session needs at least one user');
  let current = fallback;
  if (opts.file) {
    try {
      // A missing, unreadable or foreign file just means the default identity.
      const saved = Saved.safeParse(JSON.parse(fs.readFileSync(opts.file, 'utf8')));
      if (saved.success) current = find(saved.data.login) ?? fallback;
    } catch {
      // First start.
    }
  }
  const account = () => opts.account?.() ?? null;
  return {
    current: () => {
      const logged = account();
      return logged ? actorForAccount(logged, users) : current;
    },
    users: () => {
      const logged = account();
      return logged ? [actorForAccount(logged, users)] : users;
    },
    switchDisabled: () => {
      const logged = account();
      return logged ? switchDisabledReason(logged) : null;
    },
    switchTo(login) {
      const logged = account();
      if (logged) throw new AppError('FORBIDDEN', switchDisabledReason(logged));
      const next = find(login);
      if (!next) throw new AppError('NOT_FOUND', `没有这个演示身份:${login}`);
      if (opts.file) fs.writeFileSync(opts.file, JSON.stringify({ login }), 'utf8');
      current = next;
      return current;
    },
  };
}

export function sessionHandlers(session: Session): Handlers['session'] {
  const info = (): SessionInfo => {
    const disabled = session.switchDisabled();
    return { current: session.current(), users: [...session.users()], demo: disabled === null, switchDisabled: disabled };
  };
  return {
    get: () => info(),
    switch: ({ login }) => {
      session.switchTo(login);
      return info();
    },
  };
}
