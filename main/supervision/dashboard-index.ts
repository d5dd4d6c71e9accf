import type { Database, Statement } from 'better-sqlite3';
import type { LightDates } from './list-query';

/**
 * The 督办 projection's rows as the dashboard needs them, held in memory: one scan of
 * `supervision` (with the unit lists of each row) when first asked, then kept current per
 * changed record: the store reports the ids each committed write changed (`store.onChange`), and
 * only those rows are read again (a settings write changes no record and touches nothing).
 * Without a change source (a bare database: tests, tools) the rows are rebuilt after any write of
 * the connection (`total_changes()`).
 *
 * Why not a GROUP BY per request: the per-unit counts need the light of each of the ~4 unit rows
 * of an item, and joining supervision_units to supervision costs one random row lookup each —
 * 1.2 s for 100,000 items (443,000 unit rows), 6 s inside a busy profile. Here a request is a
 * loop over typed arrays (~10 ms), and a write costs the re-read of its record's row.
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

type Raw = [string, string, string, number, string, string, string | null, string, string, number];

const COLUMNS = 's.id, s.section, s.status, s.done, s.deadline_key, min(s.ack_key, s.report_key, s.milestone_key), s.completed_at, s.lead, s.responsible, s.ord';

/** What reports the records a committed write changed (the store's onChange). */
export type ChangeSource = (listener: (ids: string[]) => void) => () => void;

/** A list of strings, each kept once, by index. */
function interned() {
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
}

export class DashboardIndex {
  private rows: DashboardRows | null = null;
  private slots = new Map<string, number>();
  private ids: string[] = [];
  private sections = interned();
  private statuses = interned();
  private units = interned();
  private readonly unitCache = new Map<string, number[]>();
  private readonly dirty = new Set<string>();
  private builtAt = -1;
  private readonly changes: Statement;
  private readonly scan: Statement;
  private readonly some = new Map<number, Statement>();
  /** Rows read since creation (for tests and the benchmark: a single write reads one). */
  readonly stats = { scans: 0, rowsRead: 0 };

  constructor(
    private readonly db: Database,
    private readonly changed?: ChangeSource,
  ) {
    this.changes = db.prepare('SELECT total_changes() AS n');
    // In rowid order: a plain scan, no index walk with a lookup per row.
    this.scan = db.prepare(`SELECT ${COLUMNS} FROM supervision s`).raw();
    changed?.((ids) => {
      if (this.rows) for (const id of ids) this.dirty.add(id);
    });
  }

  /**
   * Runs a write that cannot change the rows (a setting) without forcing the next rebuild. With
   * a change source a setting reports no record anyway; without one, rows that were current stay current.
   */
  unrelatedWrite(write: () => void): void {
    const fresh = !this.changed && this.rows !== null && (this.changes.get() as { n: number }).n === this.builtAt;
    write();
    if (fresh) this.builtAt = (this.changes.get() as { n: number }).n;
  }

  current(): DashboardRows {
    if (!this.changed) {
      const version = (this.changes.get() as { n: number }).n;
      if (!this.rows || version !== this.builtAt) {
        this.build();
        this.builtAt = version;
      }
    } else if (!this.rows) this.build();
    else if (this.dirty.size > 0) this.refresh([...this.dirty]);
    this.dirty.clear();
    return this.rows as DashboardRows;
  }

  private build(): void {
    const raw = this.scan.all() as Raw[];
    this.stats.scans += 1;
    this.stats.rowsRead += raw.length;
    this.slots = new Map();
    this.ids = [];
    this.sections = interned();
    this.statuses = interned();
    this.units = interned();
    this.unitCache.clear();
    this.rows = this.allocate(raw.length);
    for (const r of raw) this.put(this.append(r[0]), r);
  }

  /** Reads the rows of the changed records again: updated in place, appended, or removed (the last row moves into the gap). */
  private refresh(ids: string[]): void {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const found = new Map((this.query(chunk.length).all(...chunk) as Raw[]).map((r) => [r[0], r]));
      this.stats.rowsRead += found.size;
      for (const id of chunk) {
        const raw = found.get(id);
        const slot = this.slots.get(id);
        if (raw) this.put(slot ?? this.append(id), raw);
        else if (slot !== undefined) this.removeAt(slot);
      }
    }
  }

  private query(n: number): Statement {
    let s = this.some.get(n);
    if (!s) {
      s = this.db.prepare(`SELECT ${COLUMNS} FROM records r CROSS JOIN supervision s ON s.rid = r.rid WHERE r.id IN (${Array(n).fill('?').join(',')})`).raw();
      this.some.set(n, s);
    }
    return s;
  }

  private allocate(capacity: number): DashboardRows {
    const size = Math.max(16, capacity);
    return {
      n: 0,
      section: new Int32Array(size),
      sections: this.sections.list,
      ord: new Float64Array(size),
      status: new Int8Array(size),
      statuses: this.statuses.list,
      done: new Uint8Array(size),
      deadline: [],
      attn: [],
      completed: [],
      lead: [],
      responsible: [],
      units: this.units.list,
    };
  }

  private append(id: string): number {
    const rows = this.rows as DashboardRows;
    if (rows.n === rows.section.length) {
      // Grown by half again: typed arrays cannot grow in place.
      const size = rows.n + (rows.n >> 1) + 16;
      const grow = <T extends Int32Array | Float64Array | Int8Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
        const b = new make(size);
        b.set(a);
        return b;
      };
      rows.section = grow(rows.section, Int32Array);
      rows.ord = grow(rows.ord, Float64Array);
      rows.status = grow(rows.status, Int8Array);
      rows.done = grow(rows.done, Uint8Array);
    }
    const slot = rows.n;
    rows.n += 1;
    this.slots.set(id, slot);
    this.ids[slot] = id;
    return slot;
  }

  private removeAt(slot: number): void {
    const rows = this.rows as DashboardRows;
    const last = rows.n - 1;
    const removed = this.ids[slot] as string;
    if (slot !== last) {
      const moved = this.ids[last] as string;
      rows.section[slot] = rows.section[last] as number;
      rows.ord[slot] = rows.ord[last] as number;
      rows.status[slot] = rows.status[last] as number;
      rows.done[slot] = rows.done[last] as number;
      rows.deadline[slot] = rows.deadline[last] as string;
      rows.attn[slot] = rows.attn[last] as string;
      rows.completed[slot] = rows.completed[last] ?? null;
      rows.lead[slot] = rows.lead[last] as number[];
      rows.responsible[slot] = rows.responsible[last] as number[];
      this.ids[slot] = moved;
      this.slots.set(moved, slot);
    }
    for (const list of [rows.deadline, rows.attn, rows.completed, rows.lead, rows.responsible, this.ids]) list.length = last;
    rows.n = last;
    this.slots.delete(removed);
  }

  private put(i: number, r: Raw): void {
    const rows = this.rows as DashboardRows;
    rows.section[i] = this.sections.of(r[1]);
    rows.status[i] = this.statuses.of(r[2]);
    rows.done[i] = r[3];
    rows.deadline[i] = r[4];
    rows.attn[i] = r[5];
    rows.completed[i] = r[6];
    rows.lead[i] = this.unitsOf(r[7]);
    rows.responsible[i] = this.unitsOf(r[8]);
    rows.ord[i] = r[9];
  }

  private unitsOf(json: string): number[] {
    let ids = this.unitCache.get(json);
    if (!ids) {
      ids = (JSON.parse(json) as string[]).map((u) => this.units.of(u));
      this.unitCache.set(json, ids);
    }
    return ids;
  }
}
