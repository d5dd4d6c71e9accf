import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const request = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

describe('clientAddress (the key of per-address login limits)', () => {
  it('is the peer, with IPv4-mapped addresses unwrapped, and ignores X-Forwarded-For from anyone else', () => {
    expect(clientAddress(request('::ffff:10.0.0.5'), new Set())).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '1.2.3.4'), new Set())).toBe('10.0.0.5');
  });

  it('takes the address a trusted gateway appended last', () => {
    const proxies = new Set(['10.0.0.1']);
    expect(clientAddress(request('::ffff:10.0.0.1', 'spoofed, 172.16.3.4'), proxies)).toBe('172.16.3.4');
    expect(clientAddress(request('10.0.0.1'), proxies)).toBe('10.0.0.1');
  });
});
