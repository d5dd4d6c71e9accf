import { seededRandom } from '../../core/testing/seeded-random';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar/iso-date';
import { itemLight, lightThresholds, type LightInputs } from '../../core/supervision/item-light';
import { lightSql } from './list-query';
import { NO_DEADLINE_KEY } from '../../core/supervision/area-projection';

const prng = seededRandom;

describe('the light in SQL equals itemLight()', () => {
  it('for 5,000 random items and days around holidays, 调休 weekends and year ends', () => {
    const random = prng(20220705);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    // Days next to 春节, 清明, 劳动节, 国庆 and the year's end, plus ordinary ones.
    const anchors = ['2022-01-29', '2022-04-02', '2022-04-30', '2022-06-30', '2022-09-30', '2022-12-30', '2023-01-20', '2024-02-08', '2024-09-29'];
    const near = (span: number) => addDays(pick(anchors), Math.floor(random() * span * 2) - span);
    const maybe = (p: number, make: () => string) => (random() < p ? make() : null);
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(i INTEGER, done INTEGER, deadline_key TEXT, ack_key TEXT, report_key TEXT, milestone_key TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
    const cases: Array<{ today: string; inputs: LightInputs }> = [];
    for (let i = 0; i < 5000; i++) {
      const deadline = maybe(0.85, () => near(12));
      const inputs: LightInputs = {
        deadline,
        extendedDeadline: deadline ? maybe(0.2, () => addDays(deadline, Math.floor(random() * 20))) : null,
        extensionPending: random() < 0.1,
        acknowledgeBy: maybe(0.3, () => near(8)),
        nextReportDue: maybe(0.4, () => near(10)),
        milestoneDue: random() < 0.2 ? { id: 'm', title: '节点', date: near(10) } : null,
        completedAt: maybe(0.1, () => near(10)),
      };
      cases.push({ today: near(10), inputs });
    }
    for (const [i, { inputs }] of cases.entries()) {
      insert.run(
        i,
        inputs.completedAt ? 1 : 0,
        inputs.extendedDeadline ?? inputs.deadline ?? NO_DEADLINE_KEY,
        inputs.acknowledgeBy ?? NO_DEADLINE_KEY,
        inputs.nextReportDue ?? NO_DEADLINE_KEY,
        inputs.milestoneDue?.date ?? NO_DEADLINE_KEY,
      );
    }
    for (const [i, { today, inputs }] of cases.entries()) {
      for (const warnWorkingDays of [0, 3]) {
        const sql = lightSql('t', lightThresholds(today, { warnWorkingDays }));
        const { light } = db.prepare(`SELECT ${sql} AS light FROM t WHERE i = ?`).get(i) as { light: string };
        const expected = itemLight(inputs, today, { warnWorkingDays }).light;
        expect(light, JSON.stringify({ today, inputs, warnWorkingDays })).toBe(expected);
      }
    }
    db.close();
  });
});
