import { runOa } from './run';

process.exitCode = runOa(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
