import type { Database } from 'better-sqlite3';
import type * as Y from 'yjs';
import type { RecordKind } from '../../core/records/record-doc';
import type { Projector } from './projector';
import type { SearchIndex } from './search-index';

export interface RebuildDeps {
  projectors: readonly Projector[];
  index: SearchIndex;
  load: (rid: number, id: string) => Y.Doc;
}

/**
 * Empties every projection and the index, then projects each record again from its snapshot
 * and updates. The caller runs it in one transaction: a failed rebuild leaves the old tables.
 */
export interface RebuildResult {
  records: number;
  /** Records per kind. */
  kinds: Partial<Record<RecordKind, number>>;
}

export function rebuildAll(db: Database, deps: RebuildDeps): RebuildResult {
  for (const projector of deps.projectors) projector.clear();
  deps.index.clear();
  const byKind = new Map(deps.projectors.map((p) => [p.kind, p] as const));
  const rows = db.prepare('SELECT rid, id, kind FROM records ORDER BY rid').iterate() as IterableIterator<{
    rid: number;
    id: string;
    kind: RecordKind;
  }>;
  // Collected first: writing to the tables while iterating over `records` is not allowed.
  const records = [...rows];
  const kinds: Partial<Record<RecordKind, number>> = {};
  records.forEach(({ rid, id, kind }, n) => {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const projector = byKind.get(kind);
    if (!projector) throw new Error(`no projector for ${kind}`);
    deps.index.stage(rid, kind, projector.write(rid, id, deps.load(rid, id)));
    // Staged entries are written in batches: bounded memory, few FTS segments.
    if (n % 1000 === 999) deps.index.flush();
  });
  deps.index.flush();
  db.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
  deps.index.optimize();
  return { records: records.length, kinds };
}
