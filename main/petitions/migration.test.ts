import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { areaVersions, migrateAreas } from '../store/area-migrate';
import { openDatabase } from '../store/open-db';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';

afterEach(() => removeTempDirs());

describe('信访 projection migration 0 → 1', () => {
  it('a profile made before the area gets its tables at version 1, once; other areas are untouched', () => {
    const db = openDatabase(tempDir());
    // The profile as it was: every other area at version 1, no 信访 tables.
    migrateAreas(db, AREAS, new Map([['petition', 0]]));
    expect(areaVersions(db).get('petition') ?? 0).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'petitions'").get()).toBeUndefined();
    const before = Object.fromEntries([...areaVersions(db)].filter(([k]) => k !== 'petition'));
    migrateAreas(db, AREAS);
    expect(areaVersions(db).get('petition')).toBe(1);
    expect(Object.fromEntries([...areaVersions(db)].filter(([k]) => k !== 'petition'))).toEqual(before);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('petitions')).toEqual(['rid', 'id', 'channel', 'category', 'hotline_type', 'petitioner', 'status', 'unit', 'handler', 'registered_on', 'deadline']);
    expect(db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('petition_persons')).toEqual(['rid', 'field', 'token']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'petition%' ORDER BY name").pluck().all()).toEqual(['petition_persons_by_token', 'petitions_by_registered']);
    migrateAreas(db, AREAS);
    expect(areaVersions(db).get('petition')).toBe(1);
    db.close();
  });
});
