/**
 * Document names: the path segment of `ws://host/<name>` and the name in multiplexed frames.
 * A name is 1–200 characters of valid Unicode, without control characters, `/`, `\`, `?` or `#`,
 * and does not start with `_` or `.` (reserved for endpoints such as `/_sync`). Names are compared
 * byte for byte; no normalisation happens, so what a client sends is what it gets back.
 */
export const MAX_DOC_NAME_LENGTH = 200;

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\?#]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isValidDocName(name: unknown): name is string {
  if (typeof name !== 'string') return false;
  if (name.length === 0 || name.length > MAX_DOC_NAME_LENGTH) return false;
  if (name.startsWith('_') || name.startsWith('.')) return false;
  return !FORBIDDEN.test(name) && !LONE_SURROGATE.test(name);
}

/** The document name of a stock-client URL path (`/<percent-encoded name>`), or null. */
export function docNameFromPath(pathname: string): string | null {
  if (!pathname.startsWith('/')) return null;
  let name: string;
  try {
    // decodeURIComponent throws on percent-encoded bytes that are not valid UTF-8.
    name = decodeURIComponent(pathname.slice(1));
  } catch {
    return null;
  }
  return isValidDocName(name) ? name : null;
}
