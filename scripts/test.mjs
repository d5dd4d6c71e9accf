#!/usr/bin/env node
// `npm test`: the one test gate — tsc -b, eslint (no warnings), vitest, then Playwright.
// Every stage runs; the last line is the summary "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failedStages = [];

function stage(name, cmd, args, count) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = result.status === 0;
  const counted = count?.();
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  } else if (ok) passed += 1;
  else failed += 1;
  if (!ok) {
    failedStages.push(name);
    if (counted && counted.failed === 0) failed += 1; // the stage failed outside any test (e.g. a crash)
  }
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

stage('typecheck (tsc -b)', bin('tsc'), ['-b']);
stage('lint (eslint --max-warnings 0)', bin('eslint'), ['.', '--max-warnings', '0']);

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
stage('unit and integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], () => {
  const report = readJson(vitestJson);
  return report ? { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 } : null;
});

const pwJson = path.join(results, 'playwright.json');
fs.rmSync(pwJson, { force: true });
stage('end-to-end (playwright, chromium)', bin('playwright'), ['test'], () => {
  const report = readJson(pwJson);
  if (!report?.stats) return null;
  return { passed: report.stats.expected ?? 0, failed: (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0) };
});

if (failedStages.length) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStages.length ? 1 : 0);
