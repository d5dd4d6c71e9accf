/**
 * The two HTTP range headers blob transfer uses, parsed strictly (one range, integers only):
 * - `Content-Range: bytes a-b/total` on `PUT /blobs/<sm3>` (bytes a..b inclusive of a file of
 *   `total` bytes) and on 206 answers;
 * - `Range: bytes=a-` or `bytes=a-b` on `GET /blobs/<sm3>`.
 */
export interface ContentRange {
  start: number;
  /** Inclusive. */
  end: number;
  total: number;
}

const INT = '(0|[1-9][0-9]{0,15})';
const CONTENT_RANGE = new RegExp(`^bytes ${INT}-${INT}/${INT}$`);
const RANGE = new RegExp(`^bytes=${INT}-${INT}?$`);

const safe = (text: string): number | null => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
};

export function parseContentRange(header: unknown): ContentRange | null {
  if (typeof header !== 'string') return null;
  const m = CONTENT_RANGE.exec(header.trim());
  if (!m) return null;
  const [start, end, total] = [safe(m[1]!), safe(m[2]!), safe(m[3]!)];
  if (start === null || end === null || total === null) return null;
  if (start > end || end >= total) return null;
  return { start, end, total };
}

export const formatContentRange = (r: ContentRange): string => `bytes ${r.start}-${r.end}/${r.total}`;

/** `Range` of a GET, or null when absent or not one plain byte range (then the whole file is sent). */
export function parseRange(header: unknown): { start: number; end: number | null } | null {
  if (typeof header !== 'string') return null;
  const m = RANGE.exec(header.trim());
  if (!m) return null;
  const start = safe(m[1]!);
  const end = m[2] === undefined ? null : safe(m[2]);
  if (start === null || (m[2] !== undefined && end === null)) return null;
  if (end !== null && end < start) return null;
  return { start, end };
}
