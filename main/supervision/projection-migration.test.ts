import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { areaVersions, migrateAreas } from '../store/area-migrate';
import { openDatabase } from '../store/open-db';
import { Store } from '../store/store';
import { removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { supervisionRepo } from './repository';

afterEach(() => removeTempDirs());

describe('督办 projection 1 → 2', () => {
  it('rebuilds the rows: an item of 市工信局 is filed under 市工信局(大数据局)', () => {
    const dir = tempDir();
    // A profile whose rows were derived by version 1 (units as spelt).
    const v1 = Store.open({ dir });
    const id = v1.create('supervision', supervision({ title: '推进制造业数字化转型', lead: [], responsible: ['市工信局', '火炬管委会'] }));
    v1.close();
    const db = openDatabase(dir);
    db.prepare("UPDATE area_schema SET version = 1 WHERE kind = 'supervision'").run();
    db.prepare("UPDATE supervision_units SET unit = '市工信局' WHERE unit = '市工信局(大数据局)'").run();
    db.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
    migrateAreas(db, AREAS);
    expect(areaVersions(db).get('supervision')).toBe(2);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'needs_reindex'").pluck().get()).toBe('1');
    db.close();

    const v2 = Store.open({ dir });
    const row = supervisionRepo(v2).list({ responsible: '市工信局(大数据局)' }).rows.find((r) => r.id === id);
    expect(row?.responsible).toEqual(['市工信局(大数据局)', '火炬管委会']);
    expect(supervisionRepo(v2).units().filter((u) => u.name.startsWith('市工信局')).map((u) => u.name)).toEqual(['市工信局(大数据局)']);
    v2.close();
  });
});
