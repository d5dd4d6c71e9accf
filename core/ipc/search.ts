import { z } from 'zod';
import { RecordKind } from '../records/record-doc';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入检索词').max(200),
  kind: RecordKind.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A snippet is a list of segments; `hit` segments are highlighted. No HTML crosses the boundary. */
export const SnippetSegment = z.object({ text: z.string(), hit: z.boolean() });
export const SearchHit = z.object({
  id: z.string(),
  kind: RecordKind,
  title: z.string(),
  snippet: z.array(SnippetSegment),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResult = z.object({ hits: z.array(SearchHit), total: z.number().int() });
export type SearchResult = z.infer<typeof SearchResult>;
