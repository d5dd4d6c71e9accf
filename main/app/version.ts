import { createRequire } from 'node:module';

let cached: string | undefined;

/** The version from package.json, read once (also correct inside the packaged app). */
export function appVersion(): string {
  if (cached) return cached;
  try {
    const require = createRequire(import.meta.url);
    cached = (require('../../package.json') as { version: string }).version;
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
