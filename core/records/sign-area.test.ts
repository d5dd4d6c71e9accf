import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../directory/demo-users';
import { documentArea } from '../documents/area';
import { incomingArea } from '../incoming/area';
import type { Actor } from '../kernel/actor';
import { CREATE } from '../kernel/event';

const OFFICE: Actor = { login: 'office.he', name: '何文秘', unit: '市政府办公厅', role: 'office' };
const NO_UNIT: Actor = { login: 'temp', name: '临时', unit: '', role: 'unit_staff' };
const everyone = [...DEMO_USERS, OFFICE, NO_UNIT];
const allowed = (check: (a: Actor) => string | null) => everyone.filter((a) => check(a) === null).map((a) => a.login);

describe('收文 and 发文 as kernel areas', () => {
  it('签发 by leaders and the 督查室, 用印 by anyone with a unit — as main/signatures allowed before the kernel', () => {
    for (const area of [incomingArea, documentArea]) {
      const state = area.initial();
      expect(allowed((a) => area.can(a, { type: 'sign', payload: { kind: '签发' } }, state))).toEqual(['dcs.lin', 'leader.wang', 'jyj.wu']);
      expect(allowed((a) => area.can(a, { type: 'sign', payload: { kind: '用印' } }, state))).toEqual(everyone.filter((a) => a.unit).map((a) => a.login));
      expect(area.can(NO_UNIT, { type: 'sign', payload: { kind: '用印' } }, state)).toBe('没有所属单位的身份不能用印');
    }
  });

  it('收文 are registered by the office and the 督查室; 公文 drafted by anyone but a unit’s contact (as 生成通报 before)', () => {
    expect(allowed((a) => incomingArea.can(a, { type: CREATE }, incomingArea.initial()))).toEqual(['dcs.lin', 'jyj.lin', 'admin', 'office.he']);
    expect(allowed((a) => documentArea.can(a, { type: CREATE }, documentArea.initial()))).toEqual(['dcs.lin', 'leader.wang', 'jyj.lin', 'jyj.wu', 'admin', 'office.he']);
  });
});
