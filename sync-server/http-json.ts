import type { ServerResponse } from 'node:http';

/** `{error: {code, message}}`, the shape every HTTP error of the server has. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
