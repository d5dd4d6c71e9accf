import type { Database } from 'better-sqlite3';

interface Node {
  id: string;
  parent_id: string;
  progress: number;
}

/** Guards against a parent cycle written by a broken replica. */
const MAX_DEPTH = 16;

/**
 * 分解: progress rolled up from sub-tasks. An item with sub-tasks shows the average of its
 * children's (rolled) progress; a leaf shows its own. Computed when read, since a child's change
 * must not rewrite its parent's record. Returns entries only for ids that have children.
 */
export function rollUp(db: Database, ids: readonly string[]): Map<string, number> {
  const children = new Map<string, Node[]>();
  let frontier = [...new Set(ids)];
  const seen = new Set(frontier);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const placeholders = frontier.map(() => '?').join(',');
    const rows = db
      .prepare(`SELECT id, parent_id, progress FROM supervision WHERE parent_id IN (${placeholders})`)
      .all(...frontier) as Node[];
    frontier = [];
    for (const row of rows) {
      const list = children.get(row.parent_id) ?? [];
      list.push(row);
      children.set(row.parent_id, list);
      if (!seen.has(row.id)) {
        seen.add(row.id);
        frontier.push(row.id);
      }
    }
  }
  const memo = new Map<string, number>();
  const rolled = (id: string, own: number, stack: Set<string>): number => {
    const kids = children.get(id);
    if (!kids?.length || stack.has(id)) return own;
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    stack.add(id);
    const value = Math.round(kids.reduce((sum, k) => sum + rolled(k.id, k.progress, stack), 0) / kids.length);
    stack.delete(id);
    memo.set(id, value);
    return value;
  };
  const out = new Map<string, number>();
  for (const id of ids) if (children.get(id)?.length) out.set(id, rolled(id, 0, new Set()));
  return out;
}
