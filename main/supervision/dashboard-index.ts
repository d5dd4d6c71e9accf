import type { Database, Statement } from 'better-sqlite3';
import type { LightDates } from './list-query';

/**
 * The 督办 projection's rows as the dashboard needs them, held in memory: one scan of
 * `supervision` (with the unit lists of each row), rebuilt when the connection has written
 * anything since (`total_changes()`; every write of the profile goes through this connection).
 *
 * Why not a GROUP BY per request: the per-unit counts need the light of each of the ~4 unit rows
 * of an item, and joining supervision_units to supervision costs one random row lookup each —
 * 1.2 s for 100,000 items (443,000 unit rows), 6 s inside a busy profile. Here a request is a
 * loop over typed arrays (~10 ms); the rebuild after a change costs one scan (~0.3–0.5 s).
 *
 * The light is list-query.ts lightSql's rule on the same stored keys, in code: none when done,
 * red before today, yellow before warnBefore or when a 签收/report/milestone key has passed
 * (`attn` = the earliest of those keys); the brute-force test checks it against itemLight.
 */
export interface DashboardRows {
  n: number;
  section: Int32Array;
  sections: string[];
  /** The list position of each row (sections are shown in the order of their first item). */
  ord: Float64Array;
  status: Int8Array;
  statuses: string[];
  done: Uint8Array;
  deadline: string[];
  attn: string[];
  completed: Array<string | null>;
  /** Unit indexes into `units`, per row. */
  lead: number[][];
  responsible: number[][];
  units: string[];
}

/** 0 red, 1 yellow, 2 green, 3 none: the order of `Light`. */
export function lightCode(rows: DashboardRows, i: number, dates: LightDates): number {
  if (rows.done[i] === 1) return 3;
  const d = rows.deadline[i] as string;
  if (d < dates.today) return 0;
  if (d < dates.warnBefore || (rows.attn[i] as string) < dates.today) return 1;
  return 2;
}

type Raw = [string, string, number, string, string, string | null, string, string, number];

export class DashboardIndex {
  private rows: DashboardRows | null = null;
  private builtAt = -1;
  private readonly changes: Statement;
  private readonly scan: Statement;

  constructor(private readonly db: Database) {
    this.changes = db.prepare('SELECT total_changes() AS n');
    this.scan = db
      .prepare(
        // In rowid order: a plain scan, no index walk with a lookup per row.
        `SELECT section, status, done, deadline_key, min(ack_key, report_key, milestone_key), completed_at, lead, responsible, ord
         FROM supervision`,
      )
      .raw();
  }

  /**
   * Runs a write that cannot change the rows (a setting) without forcing the next rebuild:
   * rows that were current stay current.
   */
  unrelatedWrite(write: () => void): void {
    const fresh = this.rows !== null && (this.changes.get() as { n: number }).n === this.builtAt;
    write();
    if (fresh) this.builtAt = (this.changes.get() as { n: number }).n;
  }

  current(): DashboardRows {
    const version = (this.changes.get() as { n: number }).n;
    if (!this.rows || version !== this.builtAt) {
      this.rows = this.build();
      this.builtAt = version;
    }
    return this.rows;
  }

  private build(): DashboardRows {
    const raw = this.scan.all() as Raw[];
    const n = raw.length;
    const intern = () => {
      const index = new Map<string, number>();
      const list: string[] = [];
      return {
        list,
        of(v: string): number {
          let i = index.get(v);
          if (i === undefined) {
            i = list.length;
            list.push(v);
            index.set(v, i);
          }
          return i;
        },
      };
    };
    const sections = intern();
    const statuses = intern();
    const units = intern();
    const unitCache = new Map<string, number[]>();
    const unitsOf = (json: string) => {
      let ids = unitCache.get(json);
      if (!ids) {
        ids = (JSON.parse(json) as string[]).map((u) => units.of(u));
        unitCache.set(json, ids);
      }
      return ids;
    };
    const rows: DashboardRows = {
      n,
      section: new Int32Array(n),
      sections: sections.list,
      ord: new Float64Array(n),
      status: new Int8Array(n),
      statuses: statuses.list,
      done: new Uint8Array(n),
      deadline: new Array<string>(n),
      attn: new Array<string>(n),
      completed: new Array<string | null>(n),
      lead: new Array<number[]>(n),
      responsible: new Array<number[]>(n),
      units: units.list,
    };
    for (let i = 0; i < n; i++) {
      const r = raw[i] as Raw;
      rows.section[i] = sections.of(r[0]);
      rows.status[i] = statuses.of(r[1]);
      rows.done[i] = r[2];
      rows.deadline[i] = r[3];
      rows.attn[i] = r[4];
      rows.completed[i] = r[5];
      rows.lead[i] = unitsOf(r[6]);
      rows.responsible[i] = unitsOf(r[7]);
      rows.ord[i] = r[8];
    }
    return rows;
  }
}
