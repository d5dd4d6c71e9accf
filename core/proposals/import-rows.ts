import { formatIsoDate, isIsoDate } from '../calendar/iso-date';
import { Category, type ProposalFields, type Proposer } from './model';
import type { UnitDirectory } from './units';

/**
 * Reading the rows of a 提案/建议 workbook (XLSX or CSV, as the 人大/政协 office receives them)
 * into proposals, row by row, with the reason for each refused row. Pure: the file is read in
 * main/proposals/workbook.ts; this decides what each row means.
 *
 * The first row names the columns, in any order; unknown columns are ignored. A row is refused
 * when 编号, 标题 or 领衔人 is missing, its 编号 repeats one already held (same 类别、届次、会次) or
 * an earlier row's, a unit is unknown, or a value cannot be read (类别, 重点, 提出日期). An entirely
 * empty row is skipped.
 */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The sheet's own row number (the header is row 1). */
  row: number;
  cells: readonly Cell[];
}

export interface ImportedProposal {
  row: number;
  fields: ProposalFields;
  /** 内容: the body. */
  body: string;
}

export interface RowRefusal {
  row: number;
  reason: string;
}

export interface ImportPlan {
  accepted: ImportedProposal[];
  refused: RowRefusal[];
  /** Rows that are already held exactly (a second import of the same file): neither imported nor refused. */
  held: number[];
}

/** Column → the header texts that name it. */
const COLUMNS = {
  session: ['届次'],
  meeting: ['会次'],
  number: ['编号', '建议号', '提案号'],
  category: ['类别'],
  key: ['重点'],
  title: ['标题', '题目', '案由'],
  content: ['内容', '正文'],
  lead: ['领衔人', '领衔代表', '提案人'],
  group: ['代表团或界别', '代表团', '界别'],
  cosigners: ['附议人'],
  contact: ['联系方式', '联系电话'],
  mainUnit: ['主办单位'],
  helpers: ['协办单位', '会办单位'],
  submittedOn: ['提出日期', '提交日期'],
} as const;
type Column = keyof typeof COLUMNS;

/** The identity of a proposal among those held: 编号 within its 类别、届次、会次. */
export const proposalKey = (f: Pick<ProposalFields, 'category' | 'session' | 'meeting' | 'number'>): string => [f.category, f.session, f.meeting, f.number].join('\u0000');

const text = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  return String(c).replace(/\u00a0/g, ' ').trim();
};
const list = (s: string): string[] => s.split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean);

/** The header row → where each known column is (the first header naming it wins). */
export function mapColumns(header: readonly Cell[]): Partial<Record<Column, number>> {
  const where: Partial<Record<Column, number>> = {};
  header.forEach((cell, i) => {
    const name = text(cell).replace(/\s+/g, '');
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (where[col] === undefined && names.includes(name)) where[col] = i;
    }
  });
  return where;
}

/** 提出日期 as a date: a date cell, 2024-01-15, 2024/1/15, 2024.1.15 or 2024年1月15日. */
export function readDate(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : formatIsoDate(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(c));
  if (!m) return null;
  const iso = formatIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return isIsoDate(iso) ? iso : null;
}

function readCategory(s: string): ProposalFields['category'] | null {
  if (s === '') return '建议';
  if (/^(人大|代表)?建议$/.test(s)) return '建议';
  if (/^(政协)?提案$/.test(s)) return '提案';
  return Category.safeParse(s).success ? (s as ProposalFields['category']) : null;
}

function readKey(s: string): boolean | null {
  if (['', '否', '0', '非重点', 'N', 'n', '×'].includes(s)) return false;
  if (['是', '1', '重点', 'Y', 'y', '√', '✓'].includes(s)) return true;
  return null;
}

export interface PlanOptions {
  units: UnitDirectory;
  /** Keys (proposalKey) of the proposals already held, with their titles. */
  held: ReadonlyMap<string, string>;
}

export function planImport(header: readonly Cell[], rows: readonly SheetRow[], opts: PlanOptions): ImportPlan {
  const col = mapColumns(header);
  const get = (r: SheetRow, c: Column) => (col[c] === undefined ? '' : text(r.cells[col[c]!]));
  const plan: ImportPlan = { accepted: [], refused: [], held: [] };
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.cells.every((c) => text(c) === '')) continue;
    const refuse = (reason: string) => plan.refused.push({ row: r.row, reason });
    const number = get(r, 'number');
    const title = get(r, 'title');
    const leadName = get(r, 'lead');
    const missing = [!number && '编号', !title && '标题', !leadName && '领衔人'].filter(Boolean);
    if (missing.length > 0) {
      refuse(`缺少${missing.join('、')}`);
      continue;
    }
    const category = readCategory(get(r, 'category'));
    if (!category) {
      refuse(`类别“${get(r, 'category')}”无法识别,应为建议或提案`);
      continue;
    }
    const key = readKey(get(r, 'key'));
    if (key === null) {
      refuse(`重点“${get(r, 'key')}”无法识别,应为是或否`);
      continue;
    }
    const rawDate = col.submittedOn === undefined ? null : (r.cells[col.submittedOn] ?? null);
    const submittedOn = text(rawDate) === '' ? null : readDate(rawDate);
    if (text(rawDate) !== '' && !submittedOn) {
      refuse(`提出日期“${text(rawDate)}”无法识别,应为2024-01-15这样的日期`);
      continue;
    }
    const unitNames = [get(r, 'mainUnit'), ...list(get(r, 'helpers'))].filter(Boolean);
    const unknown = unitNames.filter((u) => !opts.units.resolve(u));
    if (unknown.length > 0) {
      refuse(`单位“${unknown.join('、')}”不在承办单位名录中`);
      continue;
    }
    const session = get(r, 'session');
    const meeting = get(r, 'meeting');
    const id = proposalKey({ category, session, meeting, number });
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      refuse(`编号${number}与第${earlier}行重复`);
      continue;
    }
    seen.set(id, r.row);
    const heldTitle = opts.held.get(id);
    if (heldTitle !== undefined) {
      // The same proposal imported before: nothing to do. Another one under a held number: refused.
      if (heldTitle === title) plan.held.push(r.row);
      else refuse(`编号${number}已有登记的件(${heldTitle})`);
      continue;
    }
    const lead: Proposer = { name: leadName, group: get(r, 'group'), contact: get(r, 'contact') };
    const cosigners = list(get(r, 'cosigners')).map((name) => ({ name, group: '', contact: '' }));
    const resolved = unitNames.map((u) => opts.units.resolve(u)!);
    const mainUnit = get(r, 'mainUnit') ? resolved[0]! : '';
    const helpers = mainUnit ? resolved.slice(1) : resolved;
    plan.accepted.push({
      row: r.row,
      fields: {
        kind: 'proposal',
        category,
        session,
        meeting,
        number,
        key,
        title,
        lead,
        cosigners,
        submittedOn,
        proposedLead: mainUnit,
        proposedHelpers: [...new Set(helpers)].filter((u) => u !== mainUnit),
      },
      body: get(r, 'content'),
    });
  }
  return plan;
}
