import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, SPJ, SUPERVISOR } from '../../core/supervision/testing/log';
import { seededRandom } from '../../core/testing/seeded-random';
import { Store } from '../store/store';
import { removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { SupervisionDashboard } from './dashboard';

const SEED = Number(process.env.DASHBOARD_INDEX_SEED ?? 20220620);
const UNITS = ['市审批管理局', '市工信局', '市信息中心', '思明区', '湖里区'];
const SECTIONS = ['一、数字政府', '二、数字经济', '三、数据资源'];
const CLOCK = { today: '2022-07-15', warnWorkingDays: 3 };

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});

describe('一屏通览 rows follow each write per record', () => {
  it('a single write re-reads exactly that record’s row; the aggregates stay equal to a full scan; a setting reads nothing', () => {
    console.log(`dashboard index seed: ${SEED} (DASHBOARD_INDEX_SEED=… to replay)`);
    const random = seededRandom(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const store = Store.open({ dir: tempDir() });
    stores.push(store);
    const item = () => supervision({ title: `事项${Math.floor(random() * 1000)}`, section: pick(SECTIONS), lead: [pick(UNITS)], deadline: `2022-0${6 + Math.floor(random() * 3)}-1${Math.floor(random() * 9)}` });
    const ids = store.createMany(Array.from({ length: 120 }, () => ({ kind: 'supervision', build: item() })));
    const db = store.use((d) => d);
    const held = new SupervisionDashboard(db, (listener) => store.onChange(listener));
    const fullScan = () => new SupervisionDashboard(db).view({}, CLOCK);
    expect(held.view({}, CLOCK)).toEqual(fullScan());
    expect(held.stats).toEqual({ scans: 1, rowsRead: 120 });

    const assigned = new Set<string>();
    for (let step = 0; step < 60; step++) {
      const before = held.stats.rowsRead;
      const id = pick(ids);
      const choice = random();
      let reads = 1;
      if (choice < 0.3 && !assigned.has(id)) {
        store.act(id, makeEvent('assign', SUPERVISOR, { assignments: [{ unit: '市审批管理局', role: 'lead' }] }, { at: '2022-06-01T00:00:00.000Z' }));
        assigned.add(id);
      } else if (choice < 0.5 && assigned.has(id)) {
        store.act(id, makeEvent('report', SPJ, { unit: '市审批管理局', text: `第${step}次反馈`, percent: 50 }, { at: '2022-06-10T00:00:00.000Z' }));
      } else if (choice < 0.75) {
        store.change(id, (doc) => doc.getMap('fields').set('section', pick(SECTIONS)));
      } else if (choice < 0.9) {
        ids.push(store.create('supervision', item()));
      } else {
        store.remove(id);
        ids.splice(ids.indexOf(id), 1);
        assigned.delete(id);
        reads = 0;
      }
      const view = held.view({}, CLOCK);
      expect(held.stats.rowsRead - before, `step ${step}`).toBe(reads);
      expect(view, `step ${step}`).toEqual(fullScan());
      expect(view.total).toBe((db.prepare('SELECT count(*) AS n FROM supervision').get() as { n: number }).n);
    }
    expect(held.stats.scans).toBe(1);

    const before = held.stats.rowsRead;
    store.setMeta('supervision.settings', JSON.stringify({ warnWorkingDays: 5 }));
    held.view({}, CLOCK);
    expect(held.stats.rowsRead).toBe(before);
  });
});
