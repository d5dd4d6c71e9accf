import { addDays, type IsoDate } from '../../calendar/iso-date';
import { seededRandom } from '../../testing/seeded-random';
import type { LightInputs } from '../item-light';

export interface LightCase {
  today: IsoDate;
  inputs: LightInputs;
}

/**
 * Random 督办 light inputs and days around holidays, 调休 weekends and year ends, for the tests that
 * check every form of the light against itemLight() (the SQL in main/supervision/light-sql.test.ts,
 * the kernel's recordLight in kernel-light.test.ts). The same seed gives the same cases.
 */
export function lightCases(seed = 20220705, count = 5000): LightCase[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  // Days next to 春节, 清明, 劳动节, 国庆 and the year's end, plus ordinary ones.
  const anchors = ['2022-01-29', '2022-04-02', '2022-04-30', '2022-06-30', '2022-09-30', '2022-12-30', '2023-01-20', '2024-02-08', '2024-09-29'];
  const near = (span: number) => addDays(pick(anchors), Math.floor(random() * span * 2) - span);
  const maybe = (p: number, make: () => string) => (random() < p ? make() : null);
  const cases: LightCase[] = [];
  for (let i = 0; i < count; i++) {
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
  return cases;
}
