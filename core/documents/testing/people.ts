import type { Actor } from '../../kernel/actor';
import { DEMO_USERS } from '../../directory/demo-users';
import type { RecordEvent } from '../../kernel/event';

/** The demo people by login (core/directory/demo-users.ts), for the 公文 tests. */
export const person = (login: string): Actor => {
  const found = DEMO_USERS.find((u) => u.login === login);
  if (!found) throw new Error(`no demo user ${login}`);
  return found;
};

/** A person as a payload names them (reviewers, readers). */
export const named = (login: string) => {
  const a = person(login);
  return { login: a.login, name: a.name, unit: a.unit };
};

let counter = 0;
/** An unsigned event as `login`, at a fixed day (the reducer does not look at signatures). */
export function eventBy(login: string, type: string, payload: Record<string, unknown>, basis: string | null, id = `e${++counter}`): RecordEvent {
  const by = person(login);
  return { id, type, actor: by.login, by, at: `2022-07-0${1 + (counter % 9)}T02:00:00.000Z`, basis, payload };
}
