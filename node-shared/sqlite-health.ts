import type { Database } from 'better-sqlite3';

/**
 * Whether a SQLite failure means the file is damaged: SQLITE_CORRUPT* and SQLITE_NOTADB, and the
 * plain SQLITE_ERRORs a damaged schema or full-text index surfaces as (`vtable constructor
 * failed: search`, `malformed database schema`).
 */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return true;
  const message = err instanceof Error ? err.message : '';
  return code === 'SQLITE_ERROR' && /vtable constructor failed|malformed database schema|database disk image is malformed/.test(message);
}

/**
 * `PRAGMA quick_check`: reads every page (about 2 ms per MB) and returns the first problem, or
 * null when the file is sound. It writes nothing, so a damaged file is left exactly as it was.
 */
export function firstDamage(db: Database): string | null {
  const rows = db.pragma('quick_check(1)') as Array<Record<string, unknown>>;
  const first = rows[0] ? String(Object.values(rows[0])[0]) : 'ok';
  // "*** in database main ***\nTree 6 page 6: …" → "Tree 6 page 6: …", one line for a message.
  return first === 'ok' ? null : first.replace(/\*\*\* in database \w+ \*\*\*\s*/, '').split('\n')[0]!.trim();
}
