import { parseTtl } from '../../../core/sync/token';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { issueToken, withAccounts } from '../../sync/admin';
import { UsageError, type CliIO } from '../context';

export const tokenHelp = 'oa token --data DIR --user LOGIN [--ttl 12h]   为同步服务器签发访问令牌(最后一行是令牌)';

export function token(args: ParsedArgs, io: CliIO): number {
  const dir = requireFlag(args, 'data', '需要 --data DIR(同步服务器的数据目录)');
  const login = requireFlag(args, 'user', '需要 --user LOGIN');
  const ttl = parseTtl(stringFlag(args, 'ttl') ?? '12h');
  if (ttl === null) throw new UsageError('--ttl 的格式如 90s、30m、12h、7d');
  const value = withAccounts(dir, (accounts) => {
    const user = accounts.getUser(login);
    if (!user) throw new Error(`没有这个用户:${login}(先用 oa user add 添加)`);
    if (user.disabled) throw new Error(`用户已停用:${login}`);
    return issueToken(accounts, login, ttl);
  });
  io.err(`令牌有效期 ${ttl} 秒,用户 ${login}`);
  io.out(value);
  return 0;
}

export function requireFlag(args: ParsedArgs, name: string, message: string): string {
  const value = stringFlag(args, name);
  if (!value) throw new UsageError(message);
  return value;
}
