import { parseArgs, type ParsedArgs } from '../app/args';
import { importSeed, importSeedHelp } from './commands/import-seed';
import { rebuildIndex, rebuildIndexHelp } from './commands/rebuild-index';
import { proposals, proposalsHelp } from './commands/proposals';
import { supervision, supervisionHelp } from './commands/supervision';
import { docs, docsHelp } from './commands/docs';
import { acl, aclHelp } from './commands/acl';
import { token, tokenHelp } from './commands/token';
import { user, userHelp } from './commands/user';
import { ca, caHelp } from './commands/ca';
import { cert, certHelp } from './commands/cert';
import { crypto, cryptoHelp } from './commands/crypto';
import { seal, sealHelp } from './commands/seal';
import { blobs, blobsHelp } from './commands/blobs';
import { archive, archiveHelp } from './commands/archive';
import { petitions, petitionsHelp } from './commands/petitions';
import { errorMessage, UsageError, type CliIO } from './context';

/** `npm run oa -- <command>`: the administrator's tool. Exit 0 ok, 1 failure, 2 usage error. */
const commands: Record<string, { run: (args: ParsedArgs, io: CliIO) => number | Promise<number>; help: string }> = {
  'import-seed': { run: importSeed, help: importSeedHelp },
  'rebuild-index': { run: rebuildIndex, help: rebuildIndexHelp },
  supervision: { run: supervision, help: supervisionHelp },
  proposals: { run: proposals, help: proposalsHelp },
  docs: { run: docs, help: docsHelp },
  token: { run: token, help: tokenHelp },
  user: { run: user, help: userHelp },
  acl: { run: acl, help: aclHelp },
  crypto: { run: crypto, help: cryptoHelp },
  ca: { run: ca, help: caHelp },
  cert: { run: cert, help: certHelp },
  seal: { run: seal, help: sealHelp },
  blobs: { run: blobs, help: blobsHelp },
  archive: { run: archive, help: archiveHelp },
  petitions: { run: petitions, help: petitionsHelp },
};

export function runOa(argv: readonly string[], io: CliIO): number {
  const code = dispatch(argv, io);
  if (typeof code !== 'number') throw new Error('this command awaits: call runOaAsync');
  return code;
}

/** Every command, including those that await (archive export); what `npm run oa` calls. */
export const runOaAsync = async (argv: readonly string[], io: CliIO): Promise<number> => dispatch(argv, io);

function dispatch(argv: readonly string[], io: CliIO): number | Promise<number> {
  const [name, ...rest] = argv;
  const usage = () => ['用法:', ...Object.values(commands).map((c) => `  ${c.help}`)].join('\n');
  if (!name || name === 'help' || name === '--help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`未知命令:${name}\n${usage()}`);
    return 2;
  }
  const failed = (err: unknown): number => {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n用法:${command.help}`);
      return 2;
    }
    io.err(`错误:${errorMessage(err)}`);
    return 1;
  };
  try {
    const code = command.run(parseArgs(rest), io);
    return typeof code === 'number' ? code : code.catch(failed);
  } catch (err) {
    return failed(err);
  }
}
