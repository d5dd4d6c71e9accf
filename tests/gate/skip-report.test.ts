import { describe, expect, it } from 'vitest';
import { NO_REASON, parseSkipLog, playwrightSkips, skipReport, toolsRequired, vitestSkips } from '../../scripts/skip-report.mjs';

const root = '/repo';

describe("npm test's list of skipped tests and why", () => {
  it('lists each file with skipped tests, with the reason its requireTool() recorded', () => {
    const vitest = {
      testResults: [
        {
          name: '/repo/main/layout/pdf.test.ts',
          assertionResults: [
            { status: 'passed', fullName: 'PDF rendering renders' },
            { status: 'skipped', fullName: 'PDF rendering has extractable text' },
            { status: 'pending', fullName: 'PDF rendering paginates' },
          ],
        },
        { name: '/repo/core/crypto/sm2/openssl.test.ts', assertionResults: [{ status: 'skipped', fullName: 'SM2 interop' }] },
        { name: '/repo/main/store/store.test.ts', assertionResults: [{ status: 'todo', fullName: 'later' }, { status: 'failed', fullName: 'x' }] },
      ],
    };
    const log = parseSkipLog(
      [
        JSON.stringify({ tool: 'pdftotext', reason: 'pdftotext not found (apt-get install poppler-utils)', file: '/repo/main/layout/pdf.test.ts' }),
        JSON.stringify({ tool: 'openssl', reason: 'openssl not found (apt-get install openssl)', file: '/repo/core/crypto/sm2/openssl.test.ts' }),
        JSON.stringify({ tool: 'openssl', reason: 'openssl not found (apt-get install openssl)', file: '/repo/core/crypto/sm2/openssl.test.ts' }),
        '{"torn',
        '',
      ].join('\n'),
    );
    expect(log).toHaveLength(3);
    const report = skipReport(vitestSkips(vitest), log, root);
    expect(report).toEqual({
      count: 4,
      files: 3,
      lines: [
        '  core/crypto/sm2/openssl.test.ts: 1 skipped — openssl not found (apt-get install openssl)',
        '  main/layout/pdf.test.ts: 2 skipped — pdftotext not found (apt-get install poppler-utils)',
        `  main/store/store.test.ts: 1 skipped — ${NO_REASON}`,
      ],
    });
  });

  it("takes Playwright's skips with the reason given to test.skip()", () => {
    const pw = {
      suites: [
        {
          file: 'sync.spec.ts',
          specs: [{ file: 'sync.spec.ts', title: 'two hosts', tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'no soffice' }] }] }],
          suites: [{ specs: [{ file: 'sync.spec.ts', title: 'inner', tests: [{ status: 'expected' }, { status: 'skipped', annotations: [] }] }] }],
        },
      ],
    };
    const skips = playwrightSkips(pw, '/repo/tests/e2e');
    expect(skips).toEqual([
      { file: '/repo/tests/e2e/sync.spec.ts', title: 'two hosts', reason: 'no soffice' },
      { file: '/repo/tests/e2e/sync.spec.ts', title: 'inner', reason: null },
    ]);
    expect(skipReport(skips, [], root).lines).toEqual(['  tests/e2e/sync.spec.ts: 2 skipped — no soffice']);
    expect(playwrightSkips({ ...pw, config: { rootDir: '/repo/e2e' } })[0]!.file).toBe('/repo/e2e/sync.spec.ts');
  });

  it('nothing skipped, nothing listed; missing reports count nothing', () => {
    expect(skipReport(vitestSkips(null), parseSkipLog(null), root)).toEqual({ count: 0, files: 0, lines: [] });
    expect(playwrightSkips(undefined)).toEqual([]);
  });

  it('CI means CI=<anything but empty, 0, false> or XIETONG_REQUIRE_TOOLS=1', () => {
    expect([{ CI: 'true' }, { CI: '1' }, { XIETONG_REQUIRE_TOOLS: '1' }].map(toolsRequired)).toEqual([true, true, true]);
    expect([{ CI: 'false' }, { CI: '0' }, { CI: '' }, {}].map(toolsRequired)).toEqual([false, false, false, false]);
  });
});
