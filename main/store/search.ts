import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { SearchQuery, type SearchHit, type SearchResult } from '../../core/ipc/search';
import { parseQuery, toFtsMatch, type QueryTerm } from '../../core/text/search-tokens';
import { buildSnippet, plainSnippet } from '../../core/text/snippet';

export type SearchQueryInput = z.input<typeof SearchQuery>;

/** bm25 column weights: title, body, notes (progress notes), kind (a filter, never scored). */
const WEIGHTS = '10.0, 1.0, 2.0, 0.0';

export interface SearchTuning {
  /** Up to this many matches, every match is ranked with bm25 (exact). */
  exactLimit: number;
  /** Above it: this many of the most recent title matches are ranked first… */
  titleCandidates: number;
  /** …then this many of the most recent matches anywhere. */
  recentCandidates: number;
}

export const DEFAULT_SEARCH_TUNING: SearchTuning = { exactLimit: 8000, titleCandidates: 500, recentCandidates: 2000 };

interface Scored {
  rid: number;
  score: number;
}

/**
 * Ranked full-text search over the `search` table.
 *
 * bm25 costs about half a microsecond per matching row, so ranking all matches of a word found
 * in half of 100,000 items takes ~30–45 ms. Above `exactLimit` matches the ranking is bounded:
 * title matches (weight 10 puts them above body matches anyway) are ranked first, then the most
 * recent body matches. For such words bm25 says little anyway: FTS5 clamps the IDF of a term in
 * more than half of the rows to ~0, so the exact order would be close to arbitrary.
 */
export class Search {
  private readonly count: Statement<[string], { n: number }>;
  private readonly exact: Statement<[string, number], Scored>;
  private readonly recent: Statement<[string, number], Scored>;
  private readonly texts: Statement<
    [number],
    { id: string; kind: string; title: string; body: string; notes: string }
  >;

  constructor(
    db: Database,
    private readonly tuning: SearchTuning = DEFAULT_SEARCH_TUNING,
  ) {
    this.count = db.prepare('SELECT count(*) AS n FROM search WHERE search MATCH ?');
    this.exact = db.prepare(
      `SELECT rowid AS rid, -bm25(search, ${WEIGHTS}) AS score FROM search WHERE search MATCH ?
       ORDER BY bm25(search, ${WEIGHTS}) LIMIT ?`,
    );
    this.recent = db.prepare(
      `SELECT rowid AS rid, -bm25(search, ${WEIGHTS}) AS score FROM search WHERE search MATCH ?
       ORDER BY rowid DESC LIMIT ?`,
    );
    this.texts = db.prepare(
      `SELECT r.id, r.kind, t.title, t.body, t.notes FROM search_text t JOIN records r ON r.rid = t.rid
       WHERE t.rid = ?`,
    );
  }

  query(input: SearchQueryInput): SearchResult {
    const query = SearchQuery.parse(input);
    const terms = parseQuery(query.q);
    const all = withKind(toFtsMatch(terms), query.kind);
    if (!all) return { hits: [], total: 0 };
    const total = this.count.get(all)?.n ?? 0;
    if (total === 0) return { hits: [], total: 0 };
    const ranked = total <= this.tuning.exactLimit ? this.exact.all(all, query.limit) : this.bounded(terms, all, query);
    return { hits: ranked.slice(0, query.limit).map((s) => this.hit(s, terms)), total };
  }

  private bounded(terms: QueryTerm[], all: string, query: SearchQuery): Scored[] {
    const byScore = (a: Scored, b: Scored) => b.score - a.score || b.rid - a.rid;
    const titleOnly = withKind(toFtsMatch(terms, 'title'), query.kind);
    const titled = titleOnly ? this.recent.all(titleOnly, this.tuning.titleCandidates).sort(byScore) : [];
    if (titled.length >= query.limit) return titled;
    const seen = new Set(titled.map((s) => s.rid));
    const rest = this.recent
      .all(all, this.tuning.recentCandidates)
      .filter((s) => !seen.has(s.rid))
      .sort(byScore);
    return [...titled, ...rest];
  }

  private hit(scored: Scored, terms: QueryTerm[]): SearchHit {
    const row = this.texts.get(scored.rid);
    if (!row) throw new Error(`search index row ${scored.rid} has no text`);
    const snippet =
      buildSnippet(row.body, terms) ?? buildSnippet(row.notes, terms) ?? buildSnippet(row.title, terms) ?? plainSnippet(row.body);
    return { id: row.id, kind: row.kind, title: row.title, snippet, score: scored.score };
  }
}

function withKind(expr: string | null, kind: string | undefined): string | null {
  if (!expr) return null;
  return kind ? `(${expr}) AND ({kind} : ${kind})` : expr;
}
