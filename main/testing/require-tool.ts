import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { toolsRequired } from '../../scripts/skip-report.mjs';

/**
 * The one way a test declares an external tool it needs (openssl, pdftotext …):
 * `describe.skipIf(!requireTool('openssl'))(…)`. Where the tool is missing the test is skipped
 * locally and the reason is recorded for `npm test`'s summary (scripts/test.mjs reads
 * XIETONG_SKIP_LOG); under CI (or XIETONG_REQUIRE_TOOLS=1) a missing tool fails the test file
 * instead, so a CI machine cannot pass by skipping what it should run. Imported by tests only.
 */

export const TOOLS = {
  openssl: { command: ['openssl', 'version'], expect: /^OpenSSL 3/, install: 'openssl', what: 'OpenSSL 3 命令行(国密互通校验)' },
  pdftotext: { command: ['pdftotext', '-v'], expect: null, install: 'poppler-utils', what: 'pdftotext/pdfinfo(PDF 文本与页数校验)' },
  soffice: { command: ['soffice', '--version'], expect: /LibreOffice/, install: 'libreoffice-writer-nogui', what: 'LibreOffice(DOCX 输出校验)' },
} as const;

export type ToolName = keyof typeof TOOLS;

export interface ToolProbe {
  ok: boolean;
  /** Why not, in one line: "openssl not found (apt-get install openssl)". */
  reason: string | null;
}

export interface ToolGateOptions {
  env?: NodeJS.ProcessEnv;
  /** Runs the tool's version command; default: spawnSync. */
  run?: (command: string, args: string[]) => { status: number | null; output: string; missing: boolean };
  /** Appends one skip record; default: a JSON line to XIETONG_SKIP_LOG, if set. */
  record?: (entry: { tool: ToolName; reason: string; file: string | null }) => void;
}

const runDefault = (command: string, args: string[]) => {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  const error = r.error as NodeJS.ErrnoException | undefined;
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`, missing: error?.code === 'ENOENT' };
};

/** The gate's rule (scripts/skip-report.mjs): under CI a missing tool is a failure. */
export { toolsRequired };

/** The test file that asked (from the stack), for the summary. */
function callerFile(): string | null {
  const frames = new Error().stack?.split('\n') ?? [];
  for (const frame of frames) {
    const m = /(?:file:\/\/)?(\/[^\s():]+\.test\.tsx?)/.exec(frame);
    if (m?.[1]) return m[1];
  }
  return null;
}

export function createToolGate(opts: ToolGateOptions = {}) {
  const env = opts.env ?? process.env;
  const run = opts.run ?? runDefault;
  const record =
    opts.record ??
    ((entry) => {
      if (env.XIETONG_SKIP_LOG) fs.appendFileSync(env.XIETONG_SKIP_LOG, `${JSON.stringify(entry)}\n`);
    });
  const probes = new Map<ToolName, ToolProbe>();

  function probe(tool: ToolName): ToolProbe {
    const known = probes.get(tool);
    if (known) return known;
    const spec = TOOLS[tool];
    const [command, ...args] = spec.command;
    const r = run(command, args);
    let result: ToolProbe;
    if (r.missing) result = { ok: false, reason: `${tool} not found: ${spec.what} (apt-get install ${spec.install})` };
    else if (r.status !== 0) result = { ok: false, reason: `${tool} did not run (exit ${String(r.status)}): ${spec.what} (apt-get install ${spec.install})` };
    else if (spec.expect && !spec.expect.test(r.output.trim())) {
      result = { ok: false, reason: `${tool} is "${r.output.trim().split('\n')[0] ?? ''}", not the one needed: ${spec.what}` };
    } else result = { ok: true, reason: null };
    probes.set(tool, result);
    return result;
  }

  /** True when the tool is there. Missing: false (recorded) locally, an error under CI. */
  function requireTool(tool: ToolName): boolean {
    const { ok, reason } = probe(tool);
    if (ok) return true;
    if (toolsRequired(env)) throw new Error(`${reason} — required under CI (unset CI and XIETONG_REQUIRE_TOOLS to skip locally)`);
    record({ tool, reason: reason ?? tool, file: callerFile() });
    return false;
  }

  return { requireTool, probe };
}

const gate = createToolGate();

export const requireTool = gate.requireTool;
