#!/usr/bin/env node
// `npm test`: the one test gate — tsc -b, eslint (no warnings), vitest, then Playwright.
// Every stage runs; skipped tests are listed with their reason (scripts/skip-report.mjs); the last
// line is the summary "tests: N passed, N failed[, N skipped]". Under CI (CI or
// XIETONG_REQUIRE_TOOLS=1) a missing tool fails its test and any skip fails the gate.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSkipLog, playwrightSkips, skipReport, toolsRequired, vitestSkips } from './skip-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failedStages = [];
const skips = [];
// requireTool() appends why it skipped here (main/testing/require-tool.ts).
const skipLog = path.join(results, 'skipped-tools.jsonl');
fs.rmSync(skipLog, { force: true });
const ci = toolsRequired(process.env);

function stage(name, cmd, args, count) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', XIETONG_SKIP_LOG: skipLog } });
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
  skips.push(...vitestSkips(report));
  return report ? { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 } : null;
});

const pwJson = path.join(results, 'playwright.json');
fs.rmSync(pwJson, { force: true });
stage('end-to-end (playwright, chromium)', bin('playwright'), ['test'], () => {
  const report = readJson(pwJson);
  skips.push(...playwrightSkips(report, path.join(root, 'tests', 'e2e')));
  if (!report?.stats) return null;
  return { passed: report.stats.expected ?? 0, failed: (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0) };
});

const skipped = skipReport(skips, parseSkipLog(fs.existsSync(skipLog) ? fs.readFileSync(skipLog, 'utf8') : ''), root);
if (skipped.count) {
  console.log(`\nSkipped: ${skipped.count} tests in ${skipped.files} files`);
  for (const line of skipped.lines) console.log(line);
  if (ci) console.log('CI runs every test: a skipped test fails the gate (install what the reasons name; .ci/run does).');
}
const gateFailed = failedStages.length > 0 || (ci && skipped.count > 0);
if (failedStages.length) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped.count ? `, ${skipped.count} skipped` : ''}`);
process.exit(gateFailed ? 1 : 0);
