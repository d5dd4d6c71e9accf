import type { ProjectionSpec, Row } from '../kernel/area';
import { limitsOf, registeredOn, type PetitionView } from './derived';
import { petitionerLabel } from './mask';
import type { PetitionFields } from './model';
import type { PetitionState } from './state';

/**
 * The list projection: masked values only. `petition_persons` holds the blind-index tokens (no
 * plaintext) for repeat detection and name search by authorised roles.
 */
export const petitionProjection: ProjectionSpec<PetitionState, PetitionFields> = {
  tables: ['petitions', 'petition_persons'],
  migrations: [
    `CREATE TABLE petitions (
      rid INTEGER PRIMARY KEY REFERENCES records(rid),
      id TEXT NOT NULL,
      channel TEXT NOT NULL,
      category TEXT NOT NULL,
      hotline_type TEXT,
      petitioner TEXT NOT NULL,
      status TEXT NOT NULL,
      unit TEXT,
      handler TEXT,
      registered_on TEXT NOT NULL,
      deadline TEXT
    );
    CREATE INDEX petitions_by_registered ON petitions(registered_on);
    CREATE TABLE petition_persons (
      rid INTEGER NOT NULL REFERENCES records(rid),
      field TEXT NOT NULL,
      token TEXT NOT NULL
    );
    CREATE INDEX petition_persons_by_token ON petition_persons(token);`,
  ],
  rows: (view: PetitionView) => {
    const s = view.reduced.state;
    const open = limitsOf(view).filter((l) => !l.done).map((l) => l.deadline.due).sort();
    const main: Row = {
      id: view.id, channel: view.fields.channel, category: view.fields.category, hotline_type: view.fields.hotlineType,
      petitioner: petitionerLabel(view.fields), status: s.status, unit: s.unit, handler: s.handler,
      registered_on: registeredOn(view), deadline: open[0] ?? null,
    };
    const tokens: Row[] = view.fields.persons.flatMap((p) =>
      (['name', 'idNumber', 'phone'] as const).filter((f) => p.index[f] !== '').map((f) => ({ field: f, token: p.index[f] })),
    );
    return { petitions: [main], petition_persons: tokens };
  },
};
