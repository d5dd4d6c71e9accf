import { describe, expect, it } from 'vitest';
import { createToolGate, type ToolName } from './require-tool';

const missing = () => ({ status: null, output: '', missing: true });
const runs = (output: string) => () => ({ status: 0, output, missing: false });

function gate(env: NodeJS.ProcessEnv, run: ReturnType<typeof runs> | typeof missing) {
  const records: Array<{ tool: ToolName; reason: string; file: string | null }> = [];
  return { records, ...createToolGate({ env, run, record: (e) => records.push(e) }) };
}

describe('requireTool: a test declares the external tool it needs', () => {
  it('is true when the tool is there, and records nothing', () => {
    const g = gate({}, runs('OpenSSL 3.0.19 27 Jan 2026'));
    expect(g.requireTool('openssl')).toBe(true);
    expect(g.records).toEqual([]);
  });

  it('locally, a missing tool skips with a recorded reason naming the test file and the package', () => {
    const g = gate({}, missing);
    expect(g.requireTool('pdftotext')).toBe(false);
    expect(g.records).toEqual([
      { tool: 'pdftotext', reason: 'pdftotext not found: pdftotext/pdfinfo(PDF 文本与页数校验) (apt-get install poppler-utils)', file: expect.stringMatching(/require-tool\.test\.ts$/) },
    ]);
  });

  it('a tool of the wrong kind counts as missing (OpenSSL 1.1 has no SM2 in its CLI)', () => {
    const g = gate({}, runs('OpenSSL 1.1.1w  11 Sep 2023'));
    expect(g.requireTool('openssl')).toBe(false);
    expect(g.records[0]!.reason).toMatch(/"OpenSSL 1\.1\.1w {2}11 Sep 2023", not the one needed/);
  });

  it('under CI, or with XIETONG_REQUIRE_TOOLS=1, a missing tool fails instead of skipping', () => {
    for (const env of [{ CI: 'true' }, { CI: '1' }, { XIETONG_REQUIRE_TOOLS: '1' }]) {
      const g = gate(env, missing);
      expect(() => g.requireTool('soffice')).toThrow(/soffice not found.*libreoffice-writer-nogui.*required under CI/);
      expect(g.records).toEqual([]);
    }
  });

  it('probes each tool once', () => {
    let calls = 0;
    const g = createToolGate({ env: {}, run: () => (calls++, { status: 0, output: 'pdftotext version 22.02.0', missing: false }) });
    g.requireTool('pdftotext');
    g.requireTool('pdftotext');
    expect(calls).toBe(1);
  });
});
