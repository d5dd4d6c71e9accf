import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { lightSql as kernelLightSql, lightSqlSpec } from '../../core/kernel/light';
import { itemLight, lightThresholds } from '../../core/supervision/item-light';
import { lightCases } from '../../core/supervision/testing/light-cases';
import { lightSql } from './list-query';
import { NO_DEADLINE_KEY } from '../../core/supervision/area-projection';

/** The kernel's SQL form (core/kernel/light.ts) over this table's columns. */
const KERNEL_COLUMNS = { closed: 't.done = 1', due: 't.deadline_key', steps: ['t.ack_key', 't.report_key', 't.milestone_key'] };

describe('the light in SQL equals itemLight()', () => {
  it('for 5,000 random items and days around holidays, 调休 weekends and year ends', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(i INTEGER, done INTEGER, deadline_key TEXT, ack_key TEXT, report_key TEXT, milestone_key TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
    const cases = lightCases();
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
        const kernel = kernelLightSql(KERNEL_COLUMNS, lightSqlSpec(today, { warnWorkingDays }));
        const row = db.prepare(`SELECT ${sql} AS light, ${kernel} AS kernel FROM t WHERE i = ?`).get(i) as { light: string; kernel: string };
        const expected = itemLight(inputs, today, { warnWorkingDays }).light;
        expect(row.light, JSON.stringify({ today, inputs, warnWorkingDays })).toBe(expected);
        expect(row.kernel, `kernel SQL: ${JSON.stringify({ today, inputs, warnWorkingDays })}`).toBe(expected);
      }
    }
    db.close();
  });
});
