import { createRegistry } from '../../core/kernel/registry';
import { noteArea } from '../../core/sync/testing/note-area';
import { exitOnFailure, runCli } from '../run-cli';
import { AREAS } from '../../core/areas';

/**
 * The sync server as `cli.ts` runs it, with one more area: the tests' `note` (core/sync/testing/
 * note-area.ts), so tests of the protocol do not depend on a business area's rules. Started by
 * main/sync/testing/server-process.ts unless a test asks for the app's areas only.
 */
runCli(process.argv.slice(2), { registry: createRegistry([...AREAS.areas, noteArea]) }).catch(exitOnFailure);
