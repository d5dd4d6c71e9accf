/** A parsed hash route: `#/supervision/abc?lead=市审批管理局` → path segments + query. */
export interface Route {
  /** Path segments, decoded: ['supervision', 'abc']. */
  segments: string[];
  query: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = splitOnce(raw, '?');
  const segments = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(queryPart)) query[key] = value;
  return { segments, query };
}

/** Builds `#/a/b?x=1`; empty and undefined query values are left out. */
export function buildHash(segments: readonly string[], query: Record<string, string | undefined> = {}): string {
  const path = '/' + segments.map(encodeURIComponent).join('/');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const qs = params.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
