import { parseArgs, type ParsedArgs } from '../app/args';
import { importSeed, importSeedHelp } from './commands/import-seed';
import { rebuildIndex, rebuildIndexHelp } from './commands/rebuild-index';
import { supervision, supervisionHelp } from './commands/supervision';
import { acl, aclHelp } from './commands/acl';
import { token, tokenHelp } from './commands/token';
import { user, userHelp } from './commands/user';
import { ca, caHelp } from './commands/ca';
import { cert, certHelp } from './commands/cert';
import { crypto, cryptoHelp } from './commands/crypto';
import { seal, sealHelp } from './commands/seal';
import { blobs, blobsHelp } from './commands/blobs';
import { petitions, petitionsHelp } from './commands/petitions';
import { errorMessage, UsageError, type CliIO } from './context';

/** `npm run oa -- <command>`: the administrator's tool. Exit 0 ok, 1 failure, 2 usage error. */
const commands: Record<string, { run: (args: ParsedArgs, io: CliIO) => number; help: string }> = {
  'import-seed': { run: importSeed, help: importSeedHelp },
  'rebuild-index': { run: rebuildIndex, help: rebuildIndexHelp },
  supervision: { run: supervision, help: supervisionHelp },
  token: { run: token, help: tokenHelp },
  user: { run: user, help: userHelp },
  acl: { run: acl, help: aclHelp },
  crypto: { run: crypto, help: cryptoHelp },
  ca: { run: ca, help: caHelp },
  cert: { run: cert, help: certHelp },
  seal: { run: seal, help: sealHelp },
  blobs: { run: blobs, help: blobsHelp },
};

/** Commands that await (they run through runOaAsync, which `npm run oa` uses). */
const asyncCommands: Record<string, { run: (args: ParsedArgs, io: CliIO) => Promise<number>; help: string }> = {
  petitions: { run: petitions, help: petitionsHelp },
};

/** `npm run oa`: the async commands, else runOa. */
export async function runOaAsync(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? asyncCommands[name] : undefined;
  if (!command) return runOa(argv, io);
  try {
    return await command.run(parseArgs(rest), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n用法:${command.help}`);
      return 2;
    }
    io.err(`错误:${errorMessage(err)}`);
    return 1;
  }
}

export function runOa(argv: readonly string[], io: CliIO): number {
  const [name, ...rest] = argv;
  const usage = () => ['用法:', ...[...Object.values(commands), ...Object.values(asyncCommands)].map((c) => `  ${c.help}`)].join('\n');
  if (!name || name === 'help' || name === '--help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`未知命令:${name}\n${usage()}`);
    return 2;
  }
  try {
    return command.run(parseArgs(rest), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n用法:${command.help}`);
      return 2;
    }
    io.err(`错误:${errorMessage(err)}`);
    return 1;
  }
}

