import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Generic code takes areas from a registry and never imports an area (core/kernel/README.md).
 * The area folders are read from the registries themselves (every folder a registry imports
 * from), so a new area is covered as soon as it is registered. Tests and `testing/` helpers may
 * use real areas; the registries and the contract files named below are the only other exceptions.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const REGISTRIES = ['core/areas.ts', 'main/areas.ts', 'renderer/src/areas/registry.tsx'];

/** The contract merges the areas' typed methods; these files are those areas' contracts. */
const AREA_CONTRACTS = ['core/ipc/contract.ts', 'core/ipc/supervision.ts', 'core/ipc/dashboard.ts', 'core/ipc/documents.ts', 'core/ipc/incoming.ts', 'core/ipc/petitions.ts'];

/** Generic code: folders (every file below them) and single files. */
const GENERIC = [
  'core/kernel',
  'core/ipc',
  'core/records',
  'core/sync',
  'main/store',
  'main/kernel',
  'main/notifications',
  'main/signatures',
  'main/sync',
  'main/web',
  'main/electron',
  'sync-server',
  'renderer/src/shell',
  'renderer/src/router',
  'renderer/src/areas/workbench',
  'renderer/src/App.tsx',
];

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec?.startsWith('.')) out.push(path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)));
  }
  return out;
}

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(entry, d.name);
    if (d.isDirectory()) return d.name === 'testing' || d.name === 'node_modules' ? [] : filesUnder(rel);
    return /\.tsx?$/.test(d.name) && !/\.(test|spec)\.tsx?$/.test(d.name) ? [rel] : [];
  });
}

/** Every folder a registry imports an area from. */
const AREA_FOLDERS = [...new Set(REGISTRIES.flatMap((r) => importsOf(r).map((p) => path.dirname(p))))].filter(
  (dir) => !GENERIC.some((g) => dir === g || dir.startsWith(`${g}/`)) && dir !== 'core' && dir !== 'main' && dir !== 'renderer/src/areas' && dir !== 'renderer/src/router',
);

/** The area folder `target` (a path without extension) lies in, or null. */
const areaOf = (target: string): string | null => AREA_FOLDERS.find((dir) => target === dir || target.startsWith(`${dir}/`)) ?? null;

describe('generic code imports no area', () => {
  it('finds the area folders from the registries', () => {
    expect(AREA_FOLDERS).toEqual(
      expect.arrayContaining(['core/supervision', 'core/incoming', 'core/documents', 'main/supervision', 'main/incoming', 'main/documents', 'renderer/src/areas/supervision', 'renderer/src/areas/incoming']),
    );
  });

  for (const entry of GENERIC) {
    it(`${entry} imports no area folder`, () => {
      const violations = filesUnder(entry)
        .filter((file) => !REGISTRIES.includes(file) && !AREA_CONTRACTS.includes(file))
        .flatMap((file) => importsOf(file).flatMap((target) => (areaOf(target) ? [`${file} → ${target}`] : [])));
      expect(violations).toEqual([]);
    });
  }
});
