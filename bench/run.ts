/**
 * `npm run bench -- <area> [--n N] [--keep]`: runs one benchmark and prints one JSON line.
 * Areas are added here as they land (sync, crypto…).
 */
import { runStoreBench } from './store';

type Runner = (args: BenchArgs) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface BenchArgs {
  n?: number;
  keep: boolean;
}

const AREAS: Record<string, Runner> = {
  store: runStoreBench,
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
        ? `用法:npm run bench -- <area> [--n N] [--keep];可用的 area:${known}`
        : `未知的基准测试:${parsed.area}(可用:${known})`,
    );
    return 2;
  }
  console.log(JSON.stringify(await runner(parsed.args)));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
