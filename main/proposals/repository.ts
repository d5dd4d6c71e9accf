import type { Database, Statement } from 'better-sqlite3';
import type { IsoDate } from '../../core/calendar/iso-date';
import { lightSql, lightSqlSpec } from '../../core/kernel/light';
import type { ProposalFilter, ProposalPage, ProposalStats } from '../../core/proposals/contract';
import { proposalKey } from '../../core/proposals/import-rows';
import { PHASE_LABEL, type ProposalPhase } from '../../core/proposals/state';
import type { ResultClass } from '../../core/proposals/terms';
import type { Store } from '../store/store';
import { statementCache } from '../store/statements';

/**
 * Queries over the 提案建议 projection (core/proposals/projection.ts): the list with its filters
 * and the light computed in SQL for today (the kernel's lightSql, the same rule as 督办's light),
 * the keys already held (import), statistics and the link back from a 答复函.
 */
type Filter = Omit<ProposalFilter, 'offset' | 'limit'> & { offset: number; limit: number };

interface Row {
  id: string;
  number: string;
  category: string;
  session: string;
  meeting: string;
  key_flag: number;
  title: string;
  lead_name: string;
  main_unit: string;
  phase: string;
  due_key: string;
  due_rule: string;
  light: 'red' | 'yellow' | 'green' | 'none';
  result_class: string;
  satisfaction: string;
}

const NO_DUE = '9999-12-31';
const COLUMNS = 'p.id, p.number, p.category, p.session, p.meeting, p.key_flag, p.title, p.lead_name, p.main_unit, p.phase, p.due_key, p.due_rule, p.result_class, p.satisfaction';

export class ProposalRepository {
  private readonly sql: (text: string) => Statement;
  private readonly heldStatement: Statement<[], { category: string; session: string; meeting: string; number: string; title: string }>;

  constructor(db: Database) {
    this.sql = statementCache(db);
    this.heldStatement = db.prepare('SELECT category, session, meeting, number, title FROM proposals');
  }

  private light(today: IsoDate): string {
    return lightSql({ closed: 'p.closed = 1', due: 'p.due_key', steps: ['p.step_key'] }, lightSqlSpec(today));
  }

  private where(f: Omit<Filter, 'offset' | 'limit'>, light: string): { sql: string; params: (string | number)[] } {
    const parts: string[] = [];
    const params: (string | number)[] = [];
    if (f.unit) {
      parts.push('p.rid IN (SELECT rid FROM proposal_units WHERE unit = ?)');
      params.push(f.unit);
    }
    if (f.status === 'open') parts.push("p.phase <> 'closed'");
    else if (f.status) {
      parts.push('p.phase = ?');
      params.push(f.status);
    }
    if (f.category) {
      parts.push('p.category = ?');
      params.push(f.category);
    }
    if (f.light) {
      parts.push(`(${light}) = ?`);
      params.push(f.light);
    }
    if (f.resultClass) {
      parts.push('p.result_class = ?');
      params.push(f.resultClass);
    }
    if (f.satisfaction) {
      parts.push('p.satisfaction = ?');
      params.push(f.satisfaction);
    }
    if (f.onTime !== undefined) {
      parts.push('p.on_time = ?');
      params.push(f.onTime ? 1 : 0);
    }
    if (f.key !== undefined) {
      parts.push('p.key_flag = ?');
      params.push(f.key ? 1 : 0);
    }
    if (f.q) {
      parts.push("(instr(p.number, ?) > 0 OR instr(p.title, ?) > 0 OR instr(p.lead_name, ?) > 0)");
      params.push(f.q, f.q, f.q);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  /** Open first, the nearest deadline first, then by 编号. */
  list(filter: Filter, today: IsoDate): ProposalPage {
    const light = this.light(today);
    const w = this.where(filter, light);
    const rows = this.sql(
      `SELECT ${COLUMNS}, ${light} AS light FROM proposals p ${w.sql}
       ORDER BY p.closed, p.due_key, p.category, p.number, p.rid LIMIT ? OFFSET ?`,
    ).all(...w.params, filter.limit, filter.offset) as Row[];
    const total = (this.sql(`SELECT count(*) AS n FROM proposals p ${w.sql}`).get(...w.params) as { n: number }).n;
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        number: r.number,
        kind: r.category === '提案' ? '提案' : '建议',
        session: r.session,
        meeting: r.meeting,
        key: r.key_flag === 1,
        title: r.title,
        lead: r.lead_name,
        mainUnit: r.main_unit,
        status: r.phase as ProposalPhase,
        statusLabel: PHASE_LABEL[r.phase as ProposalPhase] ?? r.phase,
        deadline: r.due_key === NO_DUE ? null : r.due_key,
        deadlineRule: r.due_rule,
        light: r.light,
        resultClass: r.result_class,
        satisfaction: r.satisfaction,
      })),
    };
  }

  /** Every proposal held, by its key (类别、届次、会次、编号) → title: what an import must not repeat. */
  held(): Map<string, string> {
    return new Map(this.heldStatement.all().map((r) => [proposalKey({ ...r, category: r.category === '提案' ? '提案' : '建议' }), r.title]));
  }

  /** The proposal a 公文 answers (答复函), or null. */
  ofDocument(documentId: string): { id: string; title: string } | null {
    const row = this.sql('SELECT p.id, p.title FROM proposal_replies r JOIN proposals p ON p.rid = r.rid WHERE r.document_id = ? LIMIT 1').get(documentId) as
      | { id: string; title: string }
      | undefined;
    return row ?? null;
  }

  /** 办结 proposals whose reply is to be published, in 类别 and 编号 order. */
  published(): string[] {
    return (this.sql("SELECT id FROM proposals WHERE publish = 1 AND phase = 'closed' ORDER BY category, session, meeting, number").all() as { id: string }[]).map((r) => r.id);
  }

  stats(filter: { session?: string; category?: string }, today: IsoDate, classes: readonly ResultClass[]): ProposalStats {
    const light = this.light(today);
    const parts: string[] = [];
    const params: string[] = [];
    if (filter.session) {
      parts.push('p.session = ?');
      params.push(filter.session);
    }
    if (filter.category) {
      parts.push('p.category = ?');
      params.push(filter.category);
    }
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const and = parts.length ? `AND ${parts.join(' AND ')}` : '';
    const totals = this.sql(
      `SELECT count(*) AS total, coalesce(sum(p.phase = 'closed'), 0) AS closed, coalesce(sum(p.replied_on IS NOT NULL), 0) AS replied, coalesce(sum(p.on_time = 1), 0) AS onTime FROM proposals p ${where}`,
    ).get(...params) as { total: number; closed: number; replied: number; onTime: number };
    const byUnit = this.sql(
      `SELECT u.unit AS unit, count(*) AS total, coalesce(sum(p.replied_on IS NOT NULL), 0) AS replied, coalesce(sum(p.on_time = 1), 0) AS onTime,
              coalesce(sum(p.phase = 'closed'), 0) AS closed, coalesce(sum(p.satisfaction IN ('满意', '基本满意')), 0) AS satisfied
       FROM proposal_units u JOIN proposals p ON p.rid = u.rid WHERE u.role = '主办' ${and} GROUP BY u.unit ORDER BY total DESC, u.unit`,
    ).all(...params) as ProposalStats['byUnit'];
    const group = (col: string) =>
      this.sql(`SELECT ${col} AS value, count(*) AS count FROM proposals p ${where} GROUP BY value ORDER BY value`).all(...params) as { value: string; count: number }[];
    const label = new Map(classes.map((c) => [c.code, c.label]));
    return {
      ...totals,
      onTimeRate: totals.replied > 0 ? totals.onTime / totals.replied : null,
      byUnit,
      byClass: group('p.result_class')
        .filter((r) => r.value !== '')
        .map((r) => ({ code: r.value, label: label.get(r.value) ?? r.value, count: r.count })),
      bySatisfaction: group('p.satisfaction')
        .filter((r) => r.value !== '')
        .map((r) => ({ level: r.value, count: r.count })),
      byLight: group(light).map((r) => ({ light: r.value as Row['light'], count: r.count })),
      byCategory: group('p.category').map((r) => ({ category: r.value === '提案' ? '提案' : '建议', count: r.count })),
    };
  }
}

const make = (db: Database) => new ProposalRepository(db);

/** The profile's 提案建议 repository (one per store). */
export const proposalRepo = (store: Store): ProposalRepository => store.use(make);
