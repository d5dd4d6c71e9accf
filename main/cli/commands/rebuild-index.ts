import type { ParsedArgs } from '../../app/args';
import { withStore, type CliIO } from '../context';

export const rebuildIndexHelp = 'oa rebuild-index --data DIR [--json]   由更新日志重建列表投影和全文索引';

export function rebuildIndex(args: ParsedArgs, io: CliIO): number {
  const started = performance.now();
  const result = withStore(args, (store) => store.rebuildIndex());
  const ms = Math.round(performance.now() - started);
  io.out(args.flags.has('json') ? JSON.stringify({ ...result, ms }) : `已重建索引:${result.records} 条记录,用时 ${ms} ms`);
  return 0;
}
