import type { Database } from 'better-sqlite3';
import { chineseDate, toDayNumber, type IsoDate } from '../../core/calendar/iso-date';
import type { DocumentFields } from '../../core/documents/model';
import { buildDocument } from '../../core/documents/projection';
import type { BriefingExport, BriefingItem, BriefingPeriod, BriefingView } from '../../core/ipc/dashboard';
import { setBodyTextAs } from '../../core/records/body-authors';
import { lightThresholds } from '../../core/supervision/item-light';
import { officialDocument, renderOfficial } from '../documents/official';
import type { OfficialDocumentInput } from '../layout';
import type { Store } from '../store/store';
import { lightSql } from './list-query';
import { supervisionRepo } from './repository';
import type * as Y from 'yjs';
import type { Actor } from '../../core/kernel/actor';
import { createRecord } from '../kernel/act';
import { editRecord } from '../kernel/edit';
import { CREATE, EDIT } from '../../core/kernel/event';
import { AppError } from '../../core/result';
import type { EventSigning } from '../kernel/signing';
import { analyseSupervision } from '../../core/supervision/projection';
import type { SupervisionWork } from '../../core/supervision/state';

/**
 * 通报 (the periodic briefing): progress, what was completed in the period, what is overdue by
 * unit and what needs coordination, from the 督办 projection; laid out as a GB/T 9704 document by
 * main/layout. `generateBriefing` stores it as a 公文 record (kind `document`, docKind 通报,
 * main/documents) that the 公文 workflow can pick up; its export is rendered from the record.
 */

export interface BriefingOptions {
  today: IsoDate;
  warnWorkingDays: number;
  /** 发文机关 (署名, 版记) and its 标志. */
  issuer?: string;
  issuerMark?: string;
  /**
   * The units of an item whose 签收 limit passed before `asOf` unsigned (the projection keeps
   * only the earliest limit): 逾期未签收 names them, not every unit of the item. Without it (a
   * layout test over the projection alone) the note names none: 有单位逾期未签收.
   */
  unsignedUnits?: (id: string, asOf: IsoDate) => string[];
}

/** `unsignedUnits` from the records in `store`. */
export function unsignedUnitsIn(store: Store): BriefingOptions['unsignedUnits'] {
  return (id, asOf) =>
    analyseSupervision(store.getDoc(id), store.reduced<SupervisionWork>(id))
      .schedule.units.filter((u) => u.acknowledgeBy !== null && u.acknowledgeBy < asOf)
      .map((u) => u.unit);
}

const ISSUER = '厦门市人民政府办公厅';
const ISSUER_MARK = '厦门市人民政府办公厅文件';
/** Items listed per section; the totals always count all. */
const LIST_LIMIT = 300;

type Row = {
  id: string;
  code: string;
  title: string;
  lead: string;
  responsible: string;
  deadline_key: string;
  completed_at: string | null;
  extension_pending: number;
  conflict: number;
  ack_key: string;
};

const parse = (json: string) => JSON.parse(json) as string[];
/** The units answerable for an item: the 牵头 units, or the 责任 units when none leads. */
const unitsOf = (r: Row) => (parse(r.lead).length > 0 ? parse(r.lead) : parse(r.responsible));
const item = (r: Row, note: string, deadline: string | null = r.deadline_key): BriefingItem => ({
  id: r.id,
  code: r.code,
  title: r.title,
  units: unitsOf(r),
  deadline: deadline && deadline !== '9999-12-31' ? deadline : null,
  note,
});

const COLS = 's.id, s.code, s.title, s.lead, s.responsible, s.deadline_key, s.completed_at, s.extension_pending, s.conflict, s.ack_key';

export function periodLabel(p: { from: string; to: string }): string {
  return `${chineseDate(p.from)}至${chineseDate(p.to)}`;
}

export function buildBriefing(db: Database, period: BriefingPeriod, opts: BriefingOptions): BriefingView {
  const asOf = period.to < opts.today ? period.to : opts.today;
  const dates = lightThresholds(asOf, { warnWorkingDays: opts.warnWorkingDays });
  const light = lightSql('s', dates);
  const counts = db
    .prepare(
      `SELECT count(*) AS total,
         sum(s.status IN ('in_progress', 'review')) AS inProgress,
         sum(s.done) AS completed,
         sum(s.done = 1 AND s.completed_at BETWEEN @from AND @to) AS completedInPeriod,
         sum(${light} = 'red') AS red, sum(${light} = 'yellow') AS yellow, sum(${light} = 'green') AS green
       FROM supervision s`,
    )
    .get({ from: period.from, to: period.to }) as Record<string, number | null>;
  const n = (k: string) => counts[k] ?? 0;

  const completedRows = db
    .prepare(`SELECT ${COLS} FROM supervision s WHERE s.done = 1 AND s.completed_at BETWEEN ? AND ? ORDER BY s.completed_at, s.ord LIMIT ?`)
    .all(period.from, period.to, LIST_LIMIT) as Row[];
  const overdueRows = db
    .prepare(`SELECT ${COLS} FROM supervision s WHERE s.done = 0 AND s.deadline_key < ? ORDER BY s.deadline_key, s.ord LIMIT ?`)
    .all(asOf, LIST_LIMIT) as Row[];
  const coordinationRows = db
    .prepare(
      `SELECT ${COLS} FROM supervision s WHERE s.done = 0 AND s.status <> 'draft'
         AND (s.extension_pending = 1 OR s.conflict = 1 OR s.ack_key < ?) ORDER BY s.ord LIMIT ?`,
    )
    .all(asOf, LIST_LIMIT) as Row[];

  const byUnit = new Map<string, BriefingItem[]>();
  for (const r of overdueRows) {
    for (const unit of unitsOf(r).length > 0 ? unitsOf(r) : ['未明确责任单位']) {
      const list = byUnit.get(unit) ?? [];
      list.push(item(r, `超期 ${r.deadline_key}`));
      byUnit.set(unit, list);
    }
  }
  const overdueByUnit = [...byUnit]
    .map(([unit, items]) => ({ unit, items }))
    .sort((a, b) => b.items.length - a.items.length || (a.unit < b.unit ? -1 : 1));
  const coordination = coordinationRows.map((r) => {
    const late = r.ack_key < asOf;
    const unsigned = late && opts.unsignedUnits ? opts.unsignedUnits(r.id, asOf) : [];
    const ack = !late ? '' : unsigned.length ? `${unsigned.join('、')}逾期未签收` : opts.unsignedUnits ? '' : '有单位逾期未签收';
    return item(
      r,
      [r.extension_pending ? '延期申请待审批' : '', r.conflict ? '记录存在冲突' : '', ack]
        .filter(Boolean)
        .join('；'),
    );
  });
  const completed = completedRows.map((r) => item(r, `${r.completed_at ?? ''} 办结`));

  const totals = {
    total: n('total'),
    inProgress: n('inProgress'),
    completed: n('completed'),
    completedInPeriod: n('completedInPeriod'),
    red: n('red'),
    yellow: n('yellow'),
    green: n('green'),
  };
  const label = periodLabel(period);
  const line = (i: BriefingItem, k: number) =>
    `${k + 1}．${i.code ? `${i.code} ` : ''}${i.title}（${i.units.join('、') || '未明确责任单位'}${i.deadline ? `，时限${chineseDate(i.deadline)}` : ''}${i.note && !i.note.startsWith('超期') && !i.note.endsWith('办结') ? `，${i.note}` : ''}）`;
  const overdueLine = (i: BriefingItem, k: number) =>
    `${k + 1}．${i.code ? `${i.code} ` : ''}${i.title}（时限${i.deadline ? chineseDate(i.deadline) : '未定'}${i.deadline ? `，超期${toDayNumber(asOf) - toDayNumber(i.deadline)}天` : ''}）`;
  const paragraphs = [
    `根据督查督办工作安排，现将${label}督办事项落实情况通报如下。`,
    '一、总体进展',
    `截至${chineseDate(asOf)}，共有督办事项${totals.total}项，其中办理中${totals.inProgress}项，已办结${totals.completed}项（本期办结${totals.completedInPeriod}项）；亮红灯（超期）${totals.red}项，亮黄灯（需关注）${totals.yellow}项，亮绿灯（正常推进）${totals.green}项。`,
    '二、本期办结事项',
    ...(completed.length ? completed.map(line) : ['本期无办结事项。']),
    '三、超期未办结事项（按单位）',
    ...(overdueByUnit.length
      ? overdueByUnit.flatMap(({ unit, items }) => [`${unit}：超期未办结${items.length}项。`, ...items.map(overdueLine)])
      : ['截至目前无超期事项。']),
    '四、需协调解决的事项',
    ...(coordination.length ? coordination.map(line) : ['暂无需协调解决的事项。']),
    '五、下一步工作要求',
    '请各责任单位对照通报内容，认真分析原因，对超期事项限期办结并报送进展；需要协调的事项请牵头单位及时提出协调需求。',
  ];
  const year = Number(period.to.slice(0, 4));
  return {
    kind: '通报',
    period: { from: period.from, to: period.to },
    asOf,
    title: `${opts.issuer ?? ISSUER}关于${label}督查督办事项落实情况的通报`,
    // The unsaved preview's only (its quick export): a stored 通报 is numbered by the 公文 workflow's 编号.
    docNumber: `${BRIEFING_PREFIX}〔${year}〕${Number(period.to.slice(5, 7))}号`,
    totals,
    completed,
    overdueByUnit,
    coordination,
    paragraphs,
  };
}

/** The 通报 as a 公文 record's fields (record kind `document`, docKind 通报; a draft: no workflow events). */
export function briefingFields(
  view: BriefingView,
  opts: Pick<BriefingOptions, 'issuer' | 'issuerMark' | 'today'>,
  at: string = new Date().toISOString(),
): DocumentFields {
  const issuer = opts.issuer ?? ISSUER;
  return {
    kind: 'document',
    docKind: '通报',
    title: view.title,
    issuer,
    issuerMark: opts.issuerMark ?? ISSUER_MARK,
    // No 文号 until the 公文 workflow's 编号 (签发 first): the 督查室's 机关代字 is filled in for it.
    docNumber: '',
    issuerCode: BRIEFING_PREFIX,
    mainRecipients: ['各区人民政府', '市直各委、办、局', '各有关单位'],
    ccRecipients: [],
    writtenDate: opts.today,
    period: { from: view.period.from, to: view.period.to },
    createdAt: at,
    updatedAt: at,
  };
}

/** The 通报 as a GB/T 9704 document (main/layout's model), built the same way as a stored record's export. */
export function briefingDocument(view: BriefingView, opts: Pick<BriefingOptions, 'issuer' | 'issuerMark' | 'today'>): OfficialDocumentInput {
  // The unsaved quick export shows the preview's 文号; a stored 通报 is exported with its 编号's.
  return officialDocument({ ...briefingFields(view, opts), docNumber: view.docNumber }, view.paragraphs.join('\n'));
}

/**
 * Generates the 通报 for a period and stores it as a document record (kind 通报); returns its id.
 * With `actor` it is created through the kernel (a `create` event by them, signed with `signing`).
 */
export function generateBriefing(store: Store, period: BriefingPeriod, opts: BriefingOptions & { now: Date; actor: Actor; signing?: EventSigning }): string {
  const db = supervisionRepo(store).database;
  const view = buildBriefing(db, period, opts);
  const existing = briefingFor(store, db, period);
  const fields = briefingFields(view, opts, opts.now.toISOString());
  const body = view.paragraphs.join('\n');
  if (existing) {
    // One record per period: regenerating refreshes the draft (a signed edit, in its 办理记录).
    const { title, writtenDate, mainRecipients, updatedAt } = fields;
    editRecord(store, store.registry, { id: existing, patch: { title, writtenDate, mainRecipients, updatedAt }, body }, opts.actor, opts.now, opts.signing);
    return existing;
  }
  const build = (doc: Y.Doc) => {
    buildDocument(doc, fields);
    setBodyTextAs(doc, opts.actor, body);
  };
  return createRecord(store, store.registry, { kind: 'document', build }, opts.actor, opts.now, opts.signing);
}

const BRIEFING_PREFIX = '督查通报';

/**
 * The period's 通报 if one exists: a draft (no events but its `create` and edits) is returned to
 * be updated; one in the workflow (送审 or later) is refused; a withdrawn one is passed over.
 */
function briefingFor(store: Store, db: Database, period: BriefingPeriod): string | null {
  const ids = db
    .prepare("SELECT id FROM documents WHERE doc_kind = '通报' AND period_from = ? AND period_to = ? ORDER BY created_at, rid")
    .pluck()
    .all(period.from, period.to) as string[];
  for (const id of ids) {
    // A withdrawn draft is no longer the period's 通报: generating again starts a new one.
    if (store.reduced<{ phase: string }>(id).state.phase === 'withdrawn') continue;
    const acted = store.events(id).some((e) => e.status !== 'rejected' && e.event.type !== CREATE && e.event.type !== EDIT);
    if (acted) throw new AppError('CONFLICT', '本期通报已送审办理,不能重新生成;如需更正请在办文流程中修改或另行发文');
    return id;
  }
  return null;
}

/** On-demand export of a period's 通报 without storing it (the dashboard's quick export). */
export async function exportBriefing(
  db: Database,
  input: BriefingPeriod & { format: 'pdf' | 'docx' },
  opts: BriefingOptions,
): Promise<BriefingExport> {
  const view = buildBriefing(db, input, opts);
  return renderOfficial(briefingDocument(view, opts), input.format, `督查通报_${input.from}_${input.to}`);
}
