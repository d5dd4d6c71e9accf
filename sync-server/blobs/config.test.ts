import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config';

describe('blob flags', () => {
  it('200 MiB per file by default; --max-blob-mib, --blob-quota-mib-per-day and --blob-inflight-mib set the limits', () => {
    expect(parseConfig(['--data', '/tmp/x', '--insecure-demo']).blobs).toEqual({ maxBlobBytes: 200 * 1024 * 1024, dailyBytes: 4096 * 1024 * 1024, inflightBytes: 1024 * 1024 * 1024 });
    const c = parseConfig(['--data', '/tmp/x', '--insecure-demo', '--max-blob-mib', '500', '--blob-quota-mib-per-day', '100', '--blob-inflight-mib', '50']);
    expect(c.blobs).toEqual({ maxBlobBytes: 500 * 1024 * 1024, dailyBytes: 100 * 1024 * 1024, inflightBytes: 50 * 1024 * 1024 });
    expect(() => parseConfig(['--data', '/tmp/x', '--insecure-demo', '--max-blob-mib', '0'])).toThrow(ConfigError);
    expect(() => parseConfig(['--data', '/tmp/x', '--insecure-demo', '--max-blob-mib', '1.5'])).toThrow(/非负整数/);
  });
});
