import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/iso-date';
import type { DeadlineItem } from '../kernel/area';
import { recordLight } from '../kernel/light';
import { itemLight, type LightInputs } from './item-light';
import { lightCases } from './testing/light-cases';

/**
 * The kernel's light (core/kernel/light.ts) gives 督办's itemLight() colour, days left and
 * estimate on the 5,000 cases the SQL form is checked with, once 督办's dates are deadline items:
 * the assessed 完成时限 final, 签收 / 进展反馈 / 节点目标 steps, 办结 closing the record.
 */
function asDeadlineItems(inputs: LightInputs): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  const done = inputs.completedAt !== null;
  const assessed = inputs.extendedDeadline ?? inputs.deadline;
  const item = (name: string, due: string, step: boolean): DeadlineItem => ({ name, due, rule: '交办时确定', done: step ? false : done, estimated: false, step });
  if (assessed) items.push(item('完成时限', assessed, false));
  if (inputs.acknowledgeBy) items.push(item('签收', inputs.acknowledgeBy, true));
  if (inputs.nextReportDue) items.push(item('进展反馈', inputs.nextReportDue, true));
  if (inputs.milestoneDue) items.push(item(`节点目标:${inputs.milestoneDue.title}`, inputs.milestoneDue.date, true));
  return items;
}

describe('the kernel light equals itemLight()', () => {
  it('for the 5,000 random items of the SQL test, with warning windows of 0 and 3 working days', () => {
    let compared = 0;
    for (const { today, inputs } of lightCases()) {
      for (const warnWorkingDays of [0, 3]) {
        const expected = itemLight(inputs, today, { warnWorkingDays });
        const got = recordLight(asDeadlineItems(inputs), today, { warnWorkingDays, closed: inputs.completedAt !== null });
        const why = JSON.stringify({ today, inputs, warnWorkingDays });
        expect(got.light, why).toBe(expected.light);
        expect(got.workingDaysLeft, why).toBe(expected.workingDaysLeft === null ? null : expected.workingDaysLeft + 0); // itemLight may say -0
        expect(got.estimated, why).toBe(expected.estimated);
        compared++;
      }
    }
    expect(compared).toBe(10_000);
  });

  it('across the end of the holiday data (2026 → 2027), where both estimate', () => {
    let estimated = 0;
    for (let t = 0; t < 60; t += 3) {
      for (let d = 0; d < 60; d += 4) {
        const today = addDays('2026-12-01', t);
        const inputs: LightInputs = { deadline: addDays('2026-12-01', d), extendedDeadline: null, extensionPending: false, acknowledgeBy: null, nextReportDue: null, milestoneDue: null, completedAt: null };
        const expected = itemLight(inputs, today);
        const got = recordLight(asDeadlineItems(inputs), today);
        expect([got.light, got.workingDaysLeft, got.estimated], JSON.stringify({ today, inputs })).toEqual([expected.light, expected.workingDaysLeft! + 0, expected.estimated]);
        if (got.estimated) estimated++;
      }
    }
    expect(estimated).toBeGreaterThan(100);
  });
});
