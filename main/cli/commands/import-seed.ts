import { type ParsedArgs } from '../../app/args';
import { defaultSeedFile, importSeedFile } from '../../seed/import-seed';
import { withStore, type CliIO } from '../context';

export const importSeedHelp = 'oa import-seed --data DIR [FILE] [--json]   导入工作要点文件(默认为内置种子文件)';

export function importSeed(args: ParsedArgs, io: CliIO): number {
  const file = args.positional[0] ?? defaultSeedFile();
  const result = withStore(args, (store) => importSeedFile(store, file));
  for (const p of result.problems) io.err(`未能归类的文字(第${p.line}行):${p.reason}:${p.text}`);
  const summary = { items: result.items, units: result.units, document: result.document };
  io.out(args.flags.has('json') ? JSON.stringify(summary) : `已导入 ${summary.document}:督办事项 ${summary.items} 项,单位 ${summary.units} 个`);
  return 0;
}
