// Skipped tests for `npm test`'s summary: which were skipped, and why. Tests that need an external
// tool declare it with requireTool() (main/testing/require-tool.ts), which records the reason in
// the skip log (XIETONG_SKIP_LOG, one JSON line per skip); a skip without a record is reported too.
import path from 'node:path';

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);

/** Skipped tests in a Vitest JSON report: [{file, title}]. */
export function vitestSkips(report) {
  const out = [];
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (SKIPPED.has(test.status)) out.push({ file: file.name, title: test.fullName ?? test.title ?? '' });
    }
  }
  return out;
}

/** CI (any value but '', 0, false) or XIETONG_REQUIRE_TOOLS=1: every test must run, a missing tool fails. */
export function toolsRequired(env) {
  const ci = String(env.CI ?? '').trim().toLowerCase();
  return (ci !== '' && ci !== '0' && ci !== 'false') || env.XIETONG_REQUIRE_TOOLS === '1';
}

/**
 * Skipped tests in a Playwright JSON report, with the reason given to test.skip() if any. Spec
 * files are relative to the report's rootDir (the config's testDir), else to `testDir`.
 */
export function playwrightSkips(report, testDir = '') {
  const base = report?.config?.rootDir ?? testDir;
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const note = (test.annotations ?? []).find((a) => a.type === 'skip' || a.type === 'fixme');
        out.push({ file: path.join(base, spec.file ?? suite.file ?? ''), title: spec.title ?? '', reason: note?.description || null });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return out;
}

/** The skip log's entries ({tool, reason, file}); malformed lines are ignored. */
export function parseSkipLog(text) {
  const out = [];
  for (const line of (text ?? '').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line);
      if (entry && typeof entry.reason === 'string') out.push({ tool: String(entry.tool ?? ''), reason: entry.reason, file: typeof entry.file === 'string' ? entry.file : null });
    } catch {
      // a torn line from a crashed worker says nothing reliable
    }
  }
  return out;
}

export const NO_REASON = 'no reason recorded (a plain .skip; a test that needs a tool declares it with requireTool())';

/**
 * One line per file with skipped tests: "main/layout/pdf.test.ts: 2 skipped — pdftotext not found …".
 * Reasons come from the test itself (Playwright) or from the skip log entries of the same file.
 */
export function skipReport(skips, log, root) {
  const byFile = new Map();
  for (const s of skips) {
    const entry = byFile.get(s.file) ?? { count: 0, reasons: new Set() };
    entry.count += 1;
    if (s.reason) entry.reasons.add(s.reason);
    byFile.set(s.file, entry);
  }
  for (const l of log) if (l.file && byFile.has(l.file)) byFile.get(l.file).reasons.add(l.reason);
  const lines = [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, { count, reasons }]) => `  ${path.relative(root, file) || file}: ${count} skipped — ${reasons.size ? [...reasons].join('; ') : NO_REASON}`);
  return { count: skips.length, files: byFile.size, lines };
}
