import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON answer in the server's error shape; a request body not read yet is discarded. */
export function reply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!req.complete) {
    // Refused before its body was read: do not read megabytes only to drop them.
    res.setHeader('Connection', 'close');
    req.resume();
  }
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export const failure = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { code, message }, ...extra });

/** The UTC day an upload counts against (quota). */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
