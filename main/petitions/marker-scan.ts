import fs from 'node:fs';
import path from 'node:path';

/**
 * Test support for the no-plaintext-leak checks: every file under `dir` whose bytes contain a
 * marker in UTF-8, UTF-16LE or UTF-16BE. Returns `file: marker` per hit.
 */
export function scanForMarkers(dir: string, markers: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const bytes = fs.readFileSync(p);
        for (const m of markers) {
          const le = Buffer.from(m, 'utf16le');
          const be = Buffer.from(le).swap16();
          if ([Buffer.from(m, 'utf8'), le, be].some((b) => bytes.includes(b))) hits.push(`${p}: ${m}`);
        }
      }
    }
  };
  walk(dir);
  return hits;
}

