/**
 * `npm run bench -- <area> [--n N] [--keep]`: runs one benchmark and prints one JSON line.
 * Areas are added here as they land (sync, crypto…).
 */
import { measureCrypto } from './crypto';
import { runDocsBench } from './docs';
import { runEditorBench } from './editor';
import { runProposalsBench } from './proposals';
import { runPetitionsBench } from './petitions';
import { runStoreBench } from './store';
import { runSupervisionBench } from './supervision';
import { runSyncBench } from './sync';

type Result = Record<string, unknown>;
/** One result, or one per scenario; each is printed as one JSON line. */
type Runner = (args: BenchArgs) => Promise<Result | Result[]> | Result | Result[];

export interface BenchArgs {
  n?: number;
  /** Seconds per measurement, for areas that measure a rate (crypto). */
  seconds?: number;
  /** One scenario of an area (sync: A, B or catchup). */
  only?: string;
  keep: boolean;
}

const AREAS: Record<string, Runner> = {
  store: runStoreBench,
  crypto: (args) => measureCrypto(args.seconds ?? 1),
  sync: (args) => runSyncBench(args.only),
  supervision: runSupervisionBench,
  docs: runDocsBench,
  editor: runEditorBench,
  proposals: runProposalsBench,
  petitions: runPetitionsBench,
};

function parseArgs(argv: string[]): { area: string | undefined; args: BenchArgs } {
  const args: BenchArgs = { keep: false };
  let area: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--n') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--n 需要正整数,收到 ${argv[i] ?? '(空)'}`);
      args.n = n;
    } else if (arg === '--seconds') {
      const seconds = Number(argv[++i]);
      if (!(seconds > 0)) throw new Error(`--seconds 需要正数,收到 ${argv[i] ?? '(空)'}`);
      args.seconds = seconds;
    } else if (arg === '--only') {
      const only = argv[++i];
      if (!only) throw new Error('--only 需要场景名');
      args.only = only;
    } else if (arg === '--keep') {
      args.keep = true;
    } else if (arg?.startsWith('--')) {
      throw new Error(`未知参数:${arg}`);
    } else if (area === undefined) {
      area = arg;
    } else {
      throw new Error(`多余的参数:${arg}`);
    }
  }
  return { area, args };
}

async function main(): Promise<number> {
  const known = Object.keys(AREAS).join(', ');
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const runner = parsed.area === undefined ? undefined : AREAS[parsed.area];
  if (!runner) {
    console.error(
      parsed.area === undefined
        ? `用法:npm run bench -- <area> [--n N] [--seconds S] [--only SCENARIO] [--keep];可用的 area:${known}`
        : `未知的基准测试:${parsed.area}(可用:${known})`,
    );
    return 2;
  }
  const results = await runner(parsed.args);
  for (const result of Array.isArray(results) ? results : [results]) console.log(JSON.stringify(result));
  return 0;
}

main().then(
  (code) => {
    // The results are printed: exit once stdout has flushed, instead of waiting for handles a
    // scenario's clients or servers may leave behind (the sync area once kept the process alive).
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
