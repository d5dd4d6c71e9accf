import fs from 'node:fs';
import { DEMO_USERS } from '../../../core/directory/demo-users';
import type { Actor } from '../../../core/kernel/actor';
import { DECRYPT_REASONS } from '../../../core/petitions/events';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { demoEventSigning } from '../../kernel/signing';
import type { PetitionContext } from '../../petitions/context';
import { demoKeyring } from '../../petitions/keyring';
import { listCases } from '../../petitions/list';
import { registerCase } from '../../petitions/register';
import type { DecryptReason } from '../../petitions/reveal';
import type { Store } from '../../store/store';
import { UsageError, withStoreAsync, type CliIO } from '../context';

export const petitionsHelp =
  'oa petitions register --data DIR --file CASE.json [--as LOGIN] [--json] | oa petitions list --data DIR [--as LOGIN] [--reason 办理需要] [--json]   信访事项登记与列表(个人信息按权限脱敏,解密留痕)';

/** The acting person: `--as LOGIN` from the directory, else the profile's 信访 office person. */
function actorOf(args: ParsedArgs): Actor {
  const login = stringFlag(args, 'as');
  const actor = login ? DEMO_USERS.find((u) => u.login === login) : DEMO_USERS.find((u) => u.role === 'petition_office');
  if (!actor) throw new UsageError(login ? `目录中没有用户:${login}` : '目录中没有信访部门人员');
  return actor;
}

const contextOf = (store: Store): PetitionContext => {
  const pkiDir = process.env.OA_DEMO_PKI_DIR || store.dir;
  return { store, now: () => new Date(), signing: demoEventSigning(store.dir), keyring: demoKeyring(pkiDir) };
};

export async function petitions(args: ParsedArgs, io: CliIO): Promise<number> {
  const sub = args.positional[0];
  const actor = actorOf(args);
  if (sub === 'register') {
    const file = stringFlag(args, 'file');
    if (!file) throw new UsageError('需要 --file CASE.json');
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UsageError(`无法读取登记文件 ${file}:${err instanceof Error ? err.message : String(err)}`);
    }
    const { id } = await withStoreAsync(args, (store) => registerCase(contextOf(store), input, actor));
    io.out(args.flags.has('json') ? JSON.stringify({ id }) : `已登记:${id}`);
    return 0;
  }
  if (sub === 'list') {
    const reason = stringFlag(args, 'reason') ?? '办理需要';
    if (!(DECRYPT_REASONS as readonly string[]).includes(reason)) throw new UsageError(`查看事由应为:${DECRYPT_REASONS.join('、')}`);
    const rows = await withStoreAsync(args, (store) => listCases(contextOf(store), actor, { reason: reason as DecryptReason }));
    if (args.flags.has('json')) io.out(JSON.stringify(rows));
    else {
      for (const r of rows) io.out(`${r.id}\t${r.channel}\t${r.category}\t${r.petitioner}\t${r.status}\t${r.deadline ?? ''}`);
      io.out(`共 ${rows.length} 件`);
    }
    return 0;
  }
  throw new UsageError(`未知的子命令:petitions ${sub ?? ''}`.trim());
}
