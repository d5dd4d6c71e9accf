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
  it('收文: 签发 by leaders and the 督查室, 用印 by anyone with a unit — as main/signatures allowed before the kernel', () => {
    const state = incomingArea.initial();
    expect(allowed((a) => incomingArea.can(a, { type: 'sign', payload: { kind: '签发' } }, state))).toEqual(everyone.filter((a) => a.role === 'leader' || a.role === 'supervisor').map((a) => a.login));
    expect(allowed((a) => incomingArea.can(a, { type: 'sign', payload: { kind: '用印' } }, state))).toEqual(everyone.filter((a) => a.unit).map((a) => a.login));
    expect(incomingArea.can(NO_UNIT, { type: 'sign', payload: { kind: '用印' } }, state)).toBe('没有所属单位的身份不能用印');
  });

  it('发文: 签发 is the workflow’s own step, never a bare `sign`; 用印 by a member of a unit', () => {
    const state = documentArea.initial();
    expect(allowed((a) => documentArea.can(a, { type: 'sign', payload: { kind: '签发' } }, state))).toEqual([]);
    expect(documentArea.can(NO_UNIT, { type: 'sign', payload: { kind: '用印' } }, state)).toBe('没有所属单位的身份不能用印');
  });

  it('收文 are registered by the office and the 督查室; 公文 drafted by any member of a unit who drafts (科员 included), not by 联络 or 信访 roles', () => {
    expect(allowed((a) => incomingArea.can(a, { type: CREATE }, incomingArea.initial()))).toEqual(everyone.filter((a) => ['office', 'supervisor', 'admin'].includes(a.role)).map((a) => a.login));
    expect(allowed((a) => documentArea.can(a, { type: CREATE }, documentArea.initial()))).toEqual(everyone.filter((a) => ['office', 'supervisor', 'admin', 'leader', 'unit_staff'].includes(a.role)).map((a) => a.login));
    expect(documentArea.can({ ...OFFICE, role: 'liaison' }, { type: CREATE }, documentArea.initial())).toBe('您的身份不能起草公文');
  });
});
