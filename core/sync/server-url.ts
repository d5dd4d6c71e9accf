/**
 * A sync server's canonical address, `ws(s)://host[:port][/path]` without a trailing slash, from
 * what a person types (ws(s)://, http(s):// or a bare host:port). The app stores servers in this
 * form and the server names itself with it in certificate-login challenges (`--public-url`), so
 * both sides must normalise the same way: this is the one function for it.
 */
export type ServerUrl = { ok: true; url: string } | { ok: false; message: string };

/** The WHATWG URL parser (Node and Electron have it on globalThis; core/ has no DOM lib). */
interface ParsedUrl {
  protocol: string;
  host: string;
  pathname: string;
}
type UrlConstructor = new (input: string) => ParsedUrl;

const PROTOCOLS: Record<string, string> = { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' };

export function parseServerUrl(input: string): ServerUrl {
  let url = input.trim();
  if (!/^[a-z]+:\/\//i.test(url)) url = `ws://${url}`;
  const Url = (globalThis as { URL?: UrlConstructor }).URL;
  if (!Url) throw new Error('没有可用的 URL 解析器');
  let parsed: ParsedUrl;
  try {
    parsed = new Url(url);
  } catch {
    return { ok: false, message: `服务器地址无效:${input}` };
  }
  const protocol = PROTOCOLS[parsed.protocol];
  if (!protocol) return { ok: false, message: `服务器地址应以 ws:// 或 http:// 开头:${input}` };
  if (!parsed.host) return { ok: false, message: `服务器地址无效:${input}` };
  return { ok: true, url: `${protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}` };
}
