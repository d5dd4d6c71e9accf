import { UserRole } from '../../../core/sync/acl';
import { hashPassword } from '../../../core/sync/password';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { nodePasswordCrypto, withAccounts } from '../../sync/admin';
import { UsageError, type CliIO } from '../context';
import { requireFlag } from './token';

export const userHelp =
  'oa user add --data DIR --login LOGIN --name NAME --unit UNIT --role admin|staff|reader [--password P] | user disable|enable --data DIR --login LOGIN   管理同步服务器的用户';

export function user(args: ParsedArgs, io: CliIO): number {
  const [action] = args.positional;
  const dir = requireFlag(args, 'data', '需要 --data DIR(同步服务器的数据目录)');
  const login = requireFlag(args, 'login', '需要 --login LOGIN');
  if (action === 'add') {
    const name = requireFlag(args, 'name', '需要 --name NAME');
    const unit = requireFlag(args, 'unit', '需要 --unit UNIT');
    const role = UserRole.safeParse(stringFlag(args, 'role') ?? 'staff');
    if (!role.success) throw new UsageError('--role 只能是 admin、staff 或 reader');
    const password = stringFlag(args, 'password');
    const saved = withAccounts(dir, (accounts) =>
      accounts.putUser({
        login,
        name,
        units: [unit],
        role: role.data,
        ...(password !== undefined ? { passwordHash: hashPassword(password, nodePasswordCrypto) } : {}),
      }),
    );
    io.out(args.flags.has('json') ? JSON.stringify({ login: saved.login, name: saved.name, units: saved.units, role: saved.role }) : `已保存用户 ${saved.login}(${saved.name},${unit},${saved.role})`);
    return 0;
  }
  if (action === 'disable' || action === 'enable') {
    withAccounts(dir, (accounts) => {
      const existing = accounts.getUser(login);
      if (!existing) throw new Error(`没有这个用户:${login}`);
      accounts.putUser({ ...existing, disabled: action === 'disable' });
    });
    io.out(action === 'disable' ? `已停用用户 ${login}` : `已启用用户 ${login}`);
    return 0;
  }
  throw new UsageError('用法:oa user add|disable|enable …');
}
