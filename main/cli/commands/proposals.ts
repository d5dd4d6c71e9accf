import fs from 'node:fs';
import path from 'node:path';
import { beijingDate } from '../../../core/calendar/iso-date';
import { DEMO_USERS } from '../../../core/directory/demo-users';
import type { Actor } from '../../../core/kernel/actor';
import { PhaseName } from '../../../core/proposals/contract';
import { unitDirectory } from '../../../core/proposals/units';
import { PHASE_LABEL, type ProposalPhase } from '../../../core/proposals/state';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { clockFrom } from '../../app/clock';
import { createSession, sessionFile } from '../../app/session';
import { demoEventSigning } from '../../kernel/signing';
import { importProposals } from '../../proposals/import';
import { proposalRepo } from '../../proposals/repository';
import { readProposalSettings } from '../../proposals/settings';
import { UsageError, withStore, withStoreAsync, type CliIO } from '../context';

export const proposalsHelp =
  'oa proposals import --data DIR FILE.xlsx|FILE.csv [--as LOGIN] [--json]   批量登记建议提案\n' +
  '  oa proposals list --data DIR [--unit 单位] [--status 状态] [--now 时间] [--json]   列出建议提案(状态:registered 待交办、handling 办理中、replied 已答复、dissatisfied 待重新办理、redo 重新办理中、rated 待办结、closed 已办结、open 未办结)';

/**
 * Who registers: `--as LOGIN`, else the profile's current identity (设置 → 演示身份切换) when it is
 * a liaison office, else the demo directory's first liaison officer (said on stderr, so that
 * `--json` output stays one line).
 */
function importer(args: ParsedArgs, dir: string, io: CliIO): Actor {
  const as = stringFlag(args, 'as');
  if (as) {
    const found = DEMO_USERS.find((u) => u.login === as);
    if (!found) throw new UsageError(`没有这个身份:${as}`);
    return found;
  }
  const current = createSession({ file: sessionFile(dir) }).current();
  if (current.role === 'liaison') return current;
  const liaison = DEMO_USERS.find((u) => u.role === 'liaison')!;
  io.err(`以${liaison.name}(${liaison.unit})的身份登记`);
  return liaison;
}

async function runImport(args: ParsedArgs, io: CliIO): Promise<number> {
  const file = args.positional[1];
  if (!file) throw new UsageError('需要导入的文件(.xlsx 或 .csv)');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const result = await withStoreAsync(args, async (store) => {
    const now = new Date();
    return importProposals({ store, actor: importer(args, store.dir, io), now, signing: demoEventSigning(store.dir) }, { fileName: path.basename(file), bytes });
  });
  if (args.flags.has('json')) io.out(JSON.stringify({ imported: result.imported, refused: result.refused }));
  else {
    for (const r of result.refused) io.out(`第${r.row}行未导入:${r.reason}`);
    io.out(`已登记 ${result.imported} 件${result.held ? `,${result.held} 件此前已登记` : ''},${result.refused.length} 行未导入`);
  }
  return 0;
}

function statusOf(raw: string | undefined): ProposalPhase | 'open' | undefined {
  if (raw === undefined || raw === 'open' || raw === '未办结') return raw === undefined ? undefined : 'open';
  const code = PhaseName.safeParse(raw);
  if (code.success) return code.data;
  const byLabel = (Object.entries(PHASE_LABEL) as [ProposalPhase, string][]).find(([, label]) => label === raw);
  if (!byLabel) throw new UsageError(`未知的状态:${raw}`);
  return byLabel[0];
}

function runList(args: ParsedArgs, io: CliIO): number {
  const status = statusOf(stringFlag(args, 'status'));
  const at = stringFlag(args, 'now') ?? process.env.OA_NOW;
  const today = beijingDate((at ? clockFrom(at) : () => new Date())());
  const rows = withStore(args, (store) => {
    const raw = stringFlag(args, 'unit');
    const unit = raw ? (unitDirectory(readProposalSettings(store).settings.extraUnits).resolve(raw) ?? raw) : undefined;
    const repo = proposalRepo(store);
    const all = [];
    for (let offset = 0; ; offset += 500) {
      const page = repo.list({ ...(unit ? { unit } : {}), ...(status ? { status } : {}), offset, limit: 500 }, today);
      all.push(...page.rows);
      if (page.rows.length === 0 || all.length >= page.total) return all;
    }
  });
  if (args.flags.has('json')) {
    io.out(JSON.stringify(rows.map((r) => ({ id: r.id, number: r.number, kind: r.kind, title: r.title, lead: r.lead, status: r.status, deadline: r.deadline, light: r.light }))));
  } else {
    for (const r of rows) io.out(`${r.kind}${r.number}\t${r.title}\t${r.lead}\t${r.statusLabel}\t${r.deadline ?? ''}`);
    io.out(`共 ${rows.length} 件`);
  }
  return 0;
}

export function proposals(args: ParsedArgs, io: CliIO): number | Promise<number> {
  const sub = args.positional[0];
  if (sub === 'import') return runImport(args, io);
  if (sub === 'list') return runList(args, io);
  throw new UsageError(`未知的子命令:proposals ${sub ?? ''}`.trim());
}
