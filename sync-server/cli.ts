import { exitOnFailure, runCli } from './run-cli';

/** `npm run sync-server -- --port 1234 --data DIR` (options: run-cli.ts, config.ts). */
runCli(process.argv.slice(2)).catch(exitOnFailure);
