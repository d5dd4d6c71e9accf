import { stringFlag, type ParsedArgs } from '../../app/args';
import { UsageError, withStore, type CliIO } from '../context';
import { documentPhaseOf, documentRepo } from '../../documents/repository';
import { incomingPhaseOf, incomingRepo } from '../../incoming/repository';

export const docsHelp = 'oa docs list --data DIR [--box 发文|收文] [--status 状态] [--json]   列出公文(状态如 待签发、已分发、待签收、已归档)';

const PAGE = 1000;

/** Every row of one box, page by page (`rows` is newest first). */
function all<T>(page: (offset: number) => T[]): T[] {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = page(offset);
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}

/** `oa docs list`: the 发文 and 收文 of a profile as `[{id, box, docKind, title, docNumber, status}]` (status in Chinese). */
export function docs(args: ParsedArgs, io: CliIO): number {
  const sub = args.positional[0];
  if (sub !== 'list') throw new UsageError(`未知的子命令:docs ${sub ?? ''}`.trim());
  const box = stringFlag(args, 'box');
  if (box !== undefined && box !== '发文' && box !== '收文') throw new UsageError(`--box 应为 发文 或 收文:${box}`);
  const status = stringFlag(args, 'status');
  if (status !== undefined && !documentPhaseOf(status) && !incomingPhaseOf(status)) throw new UsageError(`未知的状态:${status}`);
  const rows = withStore(args, (store) => [
    ...(box === '收文' ? [] : all((offset) => documentRepo(store).rows({ status, offset, limit: PAGE }))),
    ...(box === '发文' ? [] : all((offset) => incomingRepo(store).rows({ status, offset, limit: PAGE }))),
  ]);
  const out = rows.map((r) => ({ id: r.id, box: r.box, docKind: r.docKind, title: r.title, docNumber: r.docNumber, status: r.status }));
  if (args.flags.has('json')) io.out(JSON.stringify(out));
  else {
    for (const r of out) io.out(`${r.box}\t${r.docKind || '—'}\t${r.docNumber || '—'}\t${r.title}\t${r.status}`);
    io.out(`共 ${out.length} 件`);
  }
  return 0;
}
