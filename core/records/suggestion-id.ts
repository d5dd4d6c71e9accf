/**
 * 修订 (suggestion) ids. The editor's suggestion marks (`insertion` / `deletion` /
 * `modification`, @handlewithcare/prosemirror-suggest-changes) carry only an `id`; ours says who
 * suggested it and when, so the attribution travels with the mark through Yjs, DOCX export and
 * the 花脸稿 without a side table. A random part keeps two reviewers' offline suggestions
 * distinct (the plugin's default numeric ids would collide and merge them).
 *
 *   `s1|<random>|<epoch ms>|<login>|<name>`   (the name is last: it may contain '|')
 */
export interface SuggestionAuthor {
  login: string;
  name: string;
}

export interface SuggestionInfo {
  id: string;
  author: SuggestionAuthor;
  /** ISO time the suggestion was made. */
  at: string;
}

const PREFIX = 's1';

export function makeSuggestionId(author: SuggestionAuthor, atMs: number, random: () => number = Math.random): string {
  const r = Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return [PREFIX, r, String(Math.floor(atMs)), author.login.replace(/\|/g, '_'), author.name].join('|');
}

/** The author and time of a suggestion id; ids from elsewhere (a number, a foreign string) give null. */
export function parseSuggestionId(id: unknown): SuggestionInfo | null {
  if (typeof id !== 'string') return null;
  // A body's runs repeat a few thousand ids many times over (the 花脸稿 parses every run): parse each once.
  const cached = parsed.get(id);
  if (cached !== undefined) return cached;
  if (parsed.size >= 20_000) parsed.clear();
  const info = parse(id);
  parsed.set(id, info);
  return info;
}

const parsed = new Map<string, Readonly<SuggestionInfo> | null>();

function parse(id: string): SuggestionInfo | null {
  const parts = id.split('|');
  if (parts.length < 5 || parts[0] !== PREFIX) return null;
  const ms = Number(parts[2]);
  if (!Number.isFinite(ms)) return null;
  return { id, author: { login: parts[3]!, name: parts.slice(4).join('|') }, at: new Date(ms).toISOString() };
}
