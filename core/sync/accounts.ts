import { z } from 'zod';
import { DocRole, UserRole, decideAccess, type AccessSubject } from './acl';
import { migrate } from './migrate';
import { inTransaction, nextSeq, type SqlDb, type SqlStatement } from './sql';

/**
 * Users, grants, document owners and revocations in the server's database. Used by the server
 * (reads on every connection and re-check) and by `oa user|acl|token` (writes). Every change that
 * can narrow or widen access takes a sequence number, so the changes feed can tell clients.
 */
export const User = z.object({
  login: z.string(),
  name: z.string(),
  units: z.array(z.string()),
  role: UserRole,
  disabled: z.boolean(),
  aclSeq: z.number().int(),
  passwordHash: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export interface DocMeta {
  id: number;
  name: string;
  /** Set by the record's `create` event ('' for a record from before events had their own log); null: no record yet. */
  kind: string | null;
  /** Explicit owners (`oa acl owners`; before schema 2 also the creator's units). */
  owners: string[];
  /** The creator's unit (from the `create` event). */
  creatorUnits: string[];
  /** Units the area's access rule names, from the record's events. */
  eventOwners: string[];
}

const LOGIN = /^[A-Za-z0-9._@-]{1,64}$/;
export const isValidLogin = (login: string): boolean => LOGIN.test(login);

const StringList = z.array(z.string());
const UserRow = z.object({
  login: z.string(),
  name: z.string(),
  units: z.string(),
  role: z.string(),
  password: z.string().nullable(),
  disabled: z.number(),
  acl_seq: z.number(),
});
const DocRow = z.object({ id: z.number(), name: z.string(), kind: z.string().nullable(), owners: z.string(), creator_units: z.string(), event_owners: z.string() });
const DOC_COLUMNS = 'id, name, kind, owners, creator_units, event_owners';

export class AccountRepository {
  private readonly stmts = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDb) {
    migrate(db);
  }

  private q(sql: string): SqlStatement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** The token secret, created on first use. */
  secret(randomBytes: (n: number) => Uint8Array): Uint8Array {
    const row = this.q(`SELECT value FROM meta WHERE key = 'token_secret'`).get() as { value?: unknown } | undefined;
    if (row && typeof row.value === 'string' && /^[0-9a-f]{64}$/.test(row.value)) return fromHex(row.value);
    this.q(`INSERT OR IGNORE INTO meta (key, value) VALUES ('token_secret', ?)`).run(toHex(randomBytes(32)));
    return this.secret(randomBytes);
  }

  getUser(login: string): User | null {
    const row = UserRow.safeParse(this.q('SELECT * FROM users WHERE login = ?').get(login));
    if (!row.success) return null;
    const role = UserRole.safeParse(row.data.role);
    const units = StringList.safeParse(safeJson(row.data.units));
    if (!role.success || !units.success) return null;
    return {
      login: row.data.login,
      name: row.data.name,
      units: units.data,
      role: role.data,
      disabled: row.data.disabled !== 0,
      aclSeq: row.data.acl_seq,
      passwordHash: row.data.password,
    };
  }

  /** Adds or updates a user. A change of units, role or status takes a new access sequence number. */
  putUser(input: { login: string; name: string; units: string[]; role: UserRole; passwordHash?: string | null; disabled?: boolean }): User {
    if (!isValidLogin(input.login)) throw new Error(`登录名只能包含字母、数字和 . _ @ -(1–64 个字符):${input.login}`);
    inTransaction(this.db, () => {
      const old = this.getUser(input.login);
      const disabled = input.disabled ?? old?.disabled ?? false;
      const accessChanged =
        !old || old.role !== input.role || old.disabled !== disabled || JSON.stringify(old.units) !== JSON.stringify(input.units);
      const aclSeq = accessChanged ? nextSeq(this.db) : old.aclSeq;
      const password = input.passwordHash === undefined ? (old?.passwordHash ?? null) : input.passwordHash;
      this.q(
        `INSERT INTO users (login, name, units, role, password, disabled, acl_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (login) DO UPDATE SET name = excluded.name, units = excluded.units, role = excluded.role,
           password = excluded.password, disabled = excluded.disabled, acl_seq = excluded.acl_seq`,
      ).run(input.login, input.name, JSON.stringify(input.units), input.role, password, disabled ? 1 : 0, aclSeq);
      if (old && accessChanged) this.revokeLostByUser(old, this.getUser(input.login)!, aclSeq);
      if (accessChanged) this.bumpVersion();
    });
    return this.getUser(input.login)!;
  }

  docMeta(name: string): DocMeta | null {
    const row = DocRow.safeParse(this.q(`SELECT ${DOC_COLUMNS} FROM docs WHERE name = ?`).get(name));
    return row.success ? toMeta(row.data) : null;
  }

  docMetaById(id: number): DocMeta | null {
    const row = DocRow.safeParse(this.q(`SELECT ${DOC_COLUMNS} FROM docs WHERE id = ?`).get(id));
    return row.success ? toMeta(row.data) : null;
  }

  grantOf(docId: number, login: string): DocRole | null {
    const row = this.q('SELECT role FROM grants WHERE doc_id = ? AND login = ?').get(docId, login) as { role?: unknown } | undefined;
    const parsed = DocRole.safeParse(row?.role);
    return parsed.success ? parsed.data : null;
  }

  /** The user's role on a document by the access rule (see acl.ts), or null. */
  accessFor(user: AccessSubject & { login: string }, docName: string): DocRole | null {
    const meta = this.docMeta(docName);
    return this.accessForMeta(user, meta);
  }

  accessForMeta(user: AccessSubject & { login: string }, meta: DocMeta | null): DocRole | null {
    if (!meta) return decideAccess(user, { exists: false, owners: [], grant: null });
    return decideAccess(user, {
      exists: meta.kind !== null,
      owners: ownersOf(meta),
      grant: this.grantOf(meta.id, user.login),
    });
  }

  grant(docName: string, login: string, role: DocRole): void {
    this.requireUser(login);
    inTransaction(this.db, () => {
      const seq = nextSeq(this.db);
      const id = this.ensureDoc(docName, seq);
      this.q(`INSERT INTO grants (doc_id, login, role, seq) VALUES (?, ?, ?, ?)
              ON CONFLICT (doc_id, login) DO UPDATE SET role = excluded.role, seq = excluded.seq`).run(id, login, role, seq);
      this.q('DELETE FROM revocations WHERE login = ? AND doc_id = ?').run(login, id);
      this.touchAcl(id, seq);
      this.bumpVersion();
    });
  }

  /** Removes a grant. Returns false when there was none. */
  revoke(docName: string, login: string): boolean {
    return inTransaction(this.db, () => {
      const meta = this.docMeta(docName);
      if (!meta) return false;
      const removed = this.q('DELETE FROM grants WHERE doc_id = ? AND login = ?').run(meta.id, login).changes > 0;
      if (!removed) return false;
      const seq = nextSeq(this.db);
      this.recordRevocations(meta.id, [login], seq);
      this.touchAcl(meta.id, seq);
      this.bumpVersion();
      return true;
    });
  }

  /** Sets the explicit owning units (the creator's and the events' units are kept by the server). */
  setOwners(docName: string, units: string[]): void {
    inTransaction(this.db, () => {
      const seq = nextSeq(this.db);
      const id = this.ensureDoc(docName, seq);
      const before = this.docMetaById(id)!;
      const after = { ...before, owners: [...new Set(units)].sort() };
      this.q('UPDATE docs SET owners = ? WHERE id = ?').run(JSON.stringify(after.owners), id);
      this.revokeRemovedUnits(id, lostUnits(before, after), seq);
      this.touchAcl(id, seq);
      this.bumpVersion();
    });
  }

  /**
   * Called by the server when a record's event-derived owners change (its `access(state)`).
   * Returns whether they changed; members of units that lost access get a revocation.
   */
  setEventOwners(docId: number, units: readonly string[]): boolean {
    const sortedUnits = [...new Set(units)].sort();
    return inTransaction(this.db, () => {
      const before = this.docMetaById(docId);
      if (!before || before.eventOwners.join('\n') === sortedUnits.join('\n')) return false;
      const seq = nextSeq(this.db);
      this.q('UPDATE docs SET event_owners = ? WHERE id = ?').run(JSON.stringify(sortedUnits), docId);
      this.revokeRemovedUnits(docId, lostUnits(before, { ...before, eventOwners: sortedUnits }), seq);
      this.touchAcl(docId, seq);
      this.bumpVersion();
      return true;
    });
  }

  /** Changes with every access change, by any process; the server polls it to re-check open connections. */
  aclVersion(): number {
    const row = this.q(`SELECT value FROM meta WHERE key = 'acl_version'`).get() as { value?: unknown } | undefined;
    return Number(row?.value ?? 0);
  }

  private bumpVersion(): void {
    this.q(`INSERT INTO meta (key, value) VALUES ('acl_version', '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`).run();
  }

  listGrants(docName: string): { login: string; role: string }[] {
    const meta = this.docMeta(docName);
    if (!meta) return [];
    return this.q('SELECT login, role FROM grants WHERE doc_id = ? ORDER BY login').all(meta.id) as { login: string; role: string }[];
  }

  /** Revocations recorded for this user after `since`, by document id. */
  revocationsSince(login: string, since: number): number[] {
    const rows = this.q('SELECT doc_id FROM revocations WHERE login = ? AND seq > ?').all(login, since) as { doc_id: number }[];
    return rows.map((r) => r.doc_id);
  }

  private requireUser(login: string): void {
    if (!this.getUser(login)) throw new Error(`没有这个用户:${login}(先用 oa user add 添加)`);
  }

  private ensureDoc(name: string, seq: number): number {
    const meta = this.docMeta(name);
    if (meta) return meta.id;
    const res = this.q('INSERT INTO docs (name, created_seq, change_seq) VALUES (?, ?, ?)').run(name, seq, seq);
    return Number(res.lastInsertRowid);
  }

  private touchAcl(docId: number, seq: number): void {
    this.q('UPDATE docs SET acl_seq = ?, change_seq = MAX(change_seq, ?) WHERE id = ?').run(seq, seq, docId);
  }

  private revokeRemovedUnits(docId: number, removedUnits: string[], seq: number): void {
    if (removedUnits.length === 0) return;
    const users = this.q('SELECT login, units FROM users').all() as { login: string; units: string }[];
    const affected = users
      .filter((u) => {
        const units = StringList.safeParse(safeJson(u.units));
        return units.success && units.data.some((unit) => removedUnits.includes(unit));
      })
      .map((u) => u.login);
    this.recordRevocations(docId, affected, seq);
  }

  /**
   * A user moved to other units (调岗), lost a role or was disabled: every record the account could
   * see before and cannot now is revoked for it, so its machines remove them at the next sync.
   * One pass over the records — an administrator's rare action.
   */
  private revokeLostByUser(before: User, after: User, seq: number): void {
    const rows = this.q(`SELECT ${DOC_COLUMNS} FROM docs WHERE kind IS NOT NULL`).all();
    const lost: number[] = [];
    for (const raw of rows) {
      const row = DocRow.safeParse(raw);
      if (!row.success) continue;
      const meta = toMeta(row.data);
      if (this.accessForMeta(before, meta) && !this.accessForMeta(after, meta)) lost.push(meta.id);
    }
    for (const id of lost) this.recordRevocations(id, [after.login], seq);
  }

  /** Marks possible losses; the feed reports one only if the user really has no access now. */
  private recordRevocations(docId: number, logins: string[], seq: number): void {
    const stmt = this.q(`INSERT INTO revocations (login, doc_id, seq) VALUES (?, ?, ?)
                         ON CONFLICT (login, doc_id) DO UPDATE SET seq = excluded.seq`);
    for (const login of logins) stmt.run(login, docId, seq);
  }
}

function toMeta(row: z.infer<typeof DocRow>): DocMeta {
  const list = (text: string) => {
    const parsed = StringList.safeParse(safeJson(text));
    return parsed.success ? parsed.data : [];
  };
  return { id: row.id, name: row.name, kind: row.kind, owners: list(row.owners), creatorUnits: list(row.creator_units), eventOwners: list(row.event_owners) };
}

/** Every unit that owns the record: explicit owners, the creator's unit, the units its events name. */
export const ownersOf = (meta: Pick<DocMeta, 'owners' | 'creatorUnits' | 'eventOwners'>): string[] => [...meta.owners, ...meta.creatorUnits, ...meta.eventOwners];

/** Units that owned `before` and no longer own `after`. */
function lostUnits(before: DocMeta, after: DocMeta): string[] {
  const now = new Set(ownersOf(after));
  return [...new Set(ownersOf(before))].filter((u) => !now.has(u));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
