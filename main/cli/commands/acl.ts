import { DocRole } from '../../../core/sync/acl';
import { isValidDocName } from '../../../core/sync/doc-name';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { withAccounts } from '../../sync/admin';
import { UsageError, type CliIO } from '../context';
import { requireFlag } from './token';

export const aclHelp =
  'oa acl grant|revoke --data DIR --doc NAME --user LOGIN [--role viewer|editor] | acl owners --data DIR --doc NAME --units A,B | acl list --data DIR --doc NAME   文档访问授权';

export function acl(args: ParsedArgs, io: CliIO): number {
  const [action] = args.positional;
  const dir = requireFlag(args, 'data', '需要 --data DIR(同步服务器的数据目录)');
  const doc = requireFlag(args, 'doc', '需要 --doc NAME');
  if (!isValidDocName(doc)) throw new UsageError(`文档名无效:${doc}`);
  switch (action) {
    case 'grant': {
      const login = requireFlag(args, 'user', '需要 --user LOGIN');
      const role = DocRole.safeParse(stringFlag(args, 'role') ?? 'viewer');
      if (!role.success) throw new UsageError('--role 只能是 viewer 或 editor');
      withAccounts(dir, (accounts) => accounts.grant(doc, login, role.data));
      io.out(`已授权 ${login} 以 ${role.data} 身份访问 ${doc}`);
      return 0;
    }
    case 'revoke': {
      const login = requireFlag(args, 'user', '需要 --user LOGIN');
      const removed = withAccounts(dir, (accounts) => accounts.revoke(doc, login));
      io.out(removed ? `已撤销 ${login} 对 ${doc} 的授权` : `${login} 对 ${doc} 没有单独授权(单位成员的权限请用 acl owners 调整)`);
      return 0;
    }
    case 'owners': {
      const units = requireFlag(args, 'units', '需要 --units A,B')
        .split(/[,,]/)
        .map((u) => u.trim())
        .filter(Boolean);
      withAccounts(dir, (accounts) => accounts.setOwners(doc, units));
      io.out(`${doc} 的所属单位:${units.join('、') || '(无)'}`);
      return 0;
    }
    case 'list': {
      const result = withAccounts(dir, (accounts) => ({ meta: accounts.docMeta(doc), grants: accounts.listGrants(doc) }));
      const meta = result.meta;
      io.out(JSON.stringify({ doc, kind: meta?.kind ?? null, owners: meta?.owners ?? [], creatorUnits: meta?.creatorUnits ?? [], eventOwners: meta?.eventOwners ?? [], grants: result.grants }));
      return 0;
    }
    default:
      throw new UsageError('用法:oa acl grant|revoke|owners|list …');
  }
}
