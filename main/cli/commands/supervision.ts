import { SupervisionFilter, SUPERVISION_STATUS_LABEL, type SupervisionRow } from '../../../core/supervision/model';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { UsageError, withStore, type CliIO } from '../context';
import { supervisionRepo } from '../../supervision/repository';

export const supervisionHelp =
  'oa supervision list --data DIR [--lead UNIT] [--responsible UNIT] [--section TEXT] [--q TEXT] [--json]   列出督办事项';

export function supervision(args: ParsedArgs, io: CliIO): number {
  const sub = args.positional[0];
  if (sub !== 'list') throw new UsageError(`未知的子命令:supervision ${sub ?? ''}`.trim());
  const filter = SupervisionFilter.safeParse({
    lead: stringFlag(args, 'lead'),
    responsible: stringFlag(args, 'responsible'),
    section: stringFlag(args, 'section'),
    q: stringFlag(args, 'q'),
    limit: 500,
  });
  if (!filter.success) throw new UsageError(filter.error.issues.map((i) => i.message).join(';'));
  const rows = withStore(args, (store) => {
    const all: SupervisionRow[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = supervisionRepo(store).list({ ...filter.data, offset });
      all.push(...page.rows);
      if (page.rows.length === 0 || all.length >= page.total) return all;
    }
  });
  if (args.flags.has('json')) {
    const out = rows.map((r) => ({ id: r.id, code: r.code, title: r.title, section: r.section, lead: r.lead, responsible: r.responsible, status: r.status }));
    io.out(JSON.stringify(out));
  } else {
    for (const r of rows) io.out(`${r.code}\t${r.title}\t${r.lead.join('、')}\t${SUPERVISION_STATUS_LABEL[r.status]}`);
    io.out(`共 ${rows.length} 项`);
  }
  return 0;
}
