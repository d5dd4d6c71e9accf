import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for per-address limits. Behind a TLS gateway every request
 * comes from the gateway, so when the peer is one of `trustedProxies` (`--trusted-proxy`) the
 * last address the gateway appended to X-Forwarded-For is used instead; a header from anyone
 * else is ignored (it could name any address).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalise(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  const last = list[list.length - 1];
  return last ? normalise(last).slice(0, 64) : peer;
}

/** `::ffff:10.0.0.5` (IPv4 on a dual-stack socket) and `10.0.0.5` are one address. */
export function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
