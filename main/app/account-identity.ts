import type { Actor, Role } from '../../core/supervision/actor';

/** The sync account a profile is logged in with (core/ipc/sync.ts SyncUser). */
export interface SyncAccount {
  login: string;
  name: string;
  units: readonly string[];
  /** The server's role: admin | staff | reader. */
  role: string;
}

/**
 * Who a profile logged in to a sync server acts as: its account (issue 9, a 市工信局 clerk must
 * not act as 林督查). A login of the directory keeps the directory's unit and 督办 role (what its
 * certificate attests); any other login acts for its first unit, as 承办单位 staff, or as
 * administrator when the server says so. A token whose user is not known yet names only a login.
 */
export function actorForAccount(account: SyncAccount, directory: readonly Actor[]): Actor {
  const listed = directory.find((u) => u.login === account.login);
  const named = account.name && account.name !== account.login ? account.name : undefined;
  if (listed) return { ...listed, name: named ?? listed.name };
  const role: Role = account.role === 'admin' ? 'admin' : 'unit_staff';
  return { login: account.login, name: named ?? account.login, unit: account.units[0] ?? '', role };
}

/** Why 演示身份切换 is off while logged in. */
export function switchDisabledReason(account: SyncAccount): string {
  const who = account.name && account.name !== account.login ? `${account.name}(${account.login})` : account.login;
  return `已登录同步服务器(账号 ${who}):办理身份即登录账号,不能切换演示身份,以免以他人名义办理和签名。如需更换办理人,请先在“数据同步”中退出登录。`;
}
