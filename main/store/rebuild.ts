import type { Database } from 'better-sqlite3';
import type * as Y from 'yjs';
import type { Reduced } from '../../core/kernel/reduce';
import type { Projector } from './projector';
import type { RecordRef } from './record-log';
import type { SearchIndex } from './search-index';

export interface RebuildDeps {
  projector: Projector;
  index: SearchIndex;
  load: (ref: RecordRef) => { doc: Y.Doc; reduced: Reduced<unknown> };
}

export interface RebuildResult {
  records: number;
  /** Records per kind. */
  kinds: Record<string, number>;
}

/**
 * Empties every derived table (areas' projections, 待办, 已办, deadlines, notices) and the index,
 * then projects each record again from its log and its events. The caller runs it in one
 * transaction: a failed rebuild leaves the old tables.
 */
export function rebuildAll(db: Database, deps: RebuildDeps): RebuildResult {
  deps.projector.clearAll();
  deps.index.clear();
  // Collected first: writing to the tables while iterating over `records` is not allowed.
  const records = db.prepare('SELECT rid, id, kind, pending, created_at AS createdAt FROM records ORDER BY rid').all() as RecordRef[];
  const kinds: Record<string, number> = {};
  records.forEach((ref, n) => {
    kinds[ref.kind] = (kinds[ref.kind] ?? 0) + 1;
    const { doc, reduced } = deps.load(ref);
    deps.projector.write(ref, doc, reduced);
    // Staged entries are written in batches: bounded memory, few FTS segments.
    if (n % 1000 === 999) deps.index.flush();
  });
  deps.index.flush();
  db.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
  deps.index.optimize();
  return { records: records.length, kinds };
}
