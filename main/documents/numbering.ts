import type { Database } from 'better-sqlite3';
import { formatDocNumber, IssuerCode, NumberYear } from '../../core/documents/doc-number';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import type { NumberRequest, NumberServer } from '../sync/number-client';

/**
 * 编号: the 发文字号's 序号 per 机关代字 per year, and the 收文号 per unit per year.
 *
 * With a sync server configured the server allocates (sync-server/numbers: unique per series and
 * year, idempotent per record, durable in sync.db in the allocation's own transaction), so two
 * offices never hand out one number and a retry never leaves a gap. With a server configured but
 * not reachable, the caller records 待编号 and the number is taken on sync (pending.ts). With no
 * server configured, this machine's counter serves, marked 本地编号: the highest number in this
 * profile's projection plus one (the projection is rebuilt from the event log, so the counter
 * survives `oa rebuild-index`).
 */
export type { NumberRequest, NumberServer } from '../sync/number-client';

export interface Allocation {
  seq: number;
  local: boolean;
}

/** The series of 收文号 of one unit. */
export const receiptSeries = (unit: string): string => `收文:${unit}`;

const servers = new WeakMap<Store, NumberServer | null>();
/** Local numbers handed out but perhaps not yet written (two requests in flight), per series and year; and per record. */
const reserved = new WeakMap<Store, { top: Map<string, number>; byRecord: Map<string, number> }>();

/** Sets (or clears, with null) the sync server's allocator for this profile; main/sync calls it when a server is configured. */
export function useNumberServer(store: Store, server: NumberServer | null): void {
  servers.set(store, server);
}

export const numberServerOf = (store: Store): NumberServer | null => servers.get(store) ?? null;

/** The highest numbers this profile has seen, from the projections. */
class LocalCounter {
  private readonly receipt;
  private readonly doc;
  constructor(db: Database) {
    this.receipt = db.prepare<[string, number], number | null>('SELECT MAX(receipt_serial) FROM incoming WHERE unit = ? AND receipt_year = ?').pluck();
    this.doc = db.prepare<[string, number], number | null>('SELECT MAX(number_seq) FROM documents WHERE number_code = ? AND number_year = ?').pluck();
  }
  next(request: NumberRequest): number {
    const max = request.series.startsWith('收文:') ? this.receipt.get(request.series.slice('收文:'.length), request.year) : this.doc.get(request.series, request.year);
    return (max ?? 0) + 1;
  }
}
const localCounter = (db: Database) => new LocalCounter(db);

/**
 * One number: from the server when one is configured (TRANSPORT when it cannot be reached: the
 * caller records 待编号), else from the local counter.
 */
export async function allocateNumber(store: Store, request: NumberRequest): Promise<Allocation> {
  const server = numberServerOf(store);
  if (server?.configured()) return { seq: await server.allocate(request), local: false };
  return { seq: allocateLocal(store, request), local: true };
}

/** This machine's counter (本地编号): the highest number seen plus one, never twice for two records in flight. */
export function allocateLocal(store: Store, request: NumberRequest): number {
  let r = reserved.get(store);
  if (!r) reserved.set(store, (r = { top: new Map(), byRecord: new Map() }));
  const key = `${request.series}\n${request.year}`;
  const again = r.byRecord.get(`${key}\n${request.recordId}`);
  if (again !== undefined) return again;
  const seq = Math.max(store.use(localCounter).next(request), (r.top.get(key) ?? 0) + 1);
  r.top.set(key, seq);
  r.byRecord.set(`${key}\n${request.recordId}`, seq);
  return seq;
}

export interface DocNumber {
  issuerCode: string;
  year: number;
  seq: number;
  /** 本地编号: this machine's counter (no sync server configured). */
  local: boolean;
  /** 厦府办〔2022〕47号 */
  docNumber: string;
}

/**
 * The 发文字号 of a 公文 (also the 督办 通报's): `allocateDocNumber({recordId, issuerCode, year})`.
 * Idempotent per record with a server; TRANSPORT when a configured server cannot be reached.
 */
export async function allocateDocNumber(store: Store, input: { recordId: string; issuerCode: string; year: number }): Promise<DocNumber> {
  const code = IssuerCode.safeParse(input.issuerCode);
  if (!code.success) throw new AppError('BAD_INPUT', code.error.issues[0]?.message ?? '机关代字有误');
  const year = NumberYear.safeParse(input.year);
  if (!year.success) throw new AppError('BAD_INPUT', `年份有误:${input.year}`);
  const { seq, local } = await allocateNumber(store, { series: code.data, year: year.data, recordId: input.recordId });
  return { issuerCode: code.data, year: year.data, seq, local, docNumber: formatDocNumber(code.data, year.data, seq) };
}
