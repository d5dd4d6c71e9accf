import { describe, expect, it } from 'vitest';
import { CLASSIFIED_REFUSAL } from '../documents/secrecy';
import { eventBy, named, person } from '../documents/testing/people';
import { CREATE } from '../kernel/event';
import { judgeEvent, reduceRecord, type Reduced } from '../kernel/reduce';
import { incomingArea, type IncomingState } from './area';

/**
 * The 收文 reducer as a table: a 通知 of 市政府办公厅 delivered to 市工信局(大数据局), taken along
 * 签收 → 登记 → 初审 → 拟办 → 批办 → 承办/传阅 → 办结 → 归档; at each phase every event type is
 * tried by every kind of person, and the table lists who the reducer applies it for.
 */
const PEOPLE = ['bgt.sun', 'gxj.wu', 'gxj.zheng', 'gxj.chen', 'spj.lin', 'spj.xu', 'dcs.lin', 'admin'];
const GXJ = '市工信局(大数据局)';

const payloadFor = (type: string): Record<string, unknown> =>
  ({
    deliver: { toUnit: GXJ, role: '主送', sourceId: 'doc-1', sourceUnit: '市政府办公厅', docNumber: '厦府办〔2022〕1号', docKind: '通知' },
    receive: {},
    send_back: { reason: '非本单位来文' },
    register: { year: 2022, serial: 1, fromUnit: '市政府办公厅', fromDocNumber: '厦府办〔2022〕1号', dueDate: '2022-07-15' },
    review: { decision: 'pass' },
    propose: { opinion: '拟请郑局长阅示' },
    instruct: { instruction: '请数据处牵头办理', lead: GXJ, readers: [named('gxj.chen')], supervise: true },
    circulate: { readers: [named('gxj.zheng')] },
    read: { opinion: '已阅' },
    urge: { note: '请于本周内办结' },
    supervise: { itemIds: ['sup-1'] },
    complete: { summary: '已按要求完成检查' },
    archive: {},
    sign: { kind: '用印', contentHash: 'a'.repeat(64), signature: 'x', certificate: 'x', by: { name: 'n', unit: GXJ, role: 'office' } },
  })[type]!;

const TYPES = Object.keys(incomingArea.events).filter((t) => t !== 'sign');

function path() {
  const log = [eventBy('bgt.sun', CREATE, { kind: 'incoming' }, null)];
  const push = (login: string, type: string, payload?: Record<string, unknown>) => {
    log.push(eventBy(login, type, payload ?? payloadFor(type), reduceRecord(incomingArea, log).head));
    return reduceRecord(incomingArea, log) as Reduced<IncomingState>;
  };
  const table = () => {
    const reduced = reduceRecord(incomingArea, log);
    const out: Record<string, string[]> = {};
    for (const type of TYPES) {
      const ok = PEOPLE.filter((login) => judgeEvent(incomingArea, structuredClone(reduced), eventBy(login, type, payloadFor(type), reduced.head)).kind === 'apply');
      if (ok.length) out[type] = ok;
    }
    return out;
  };
  return { push, table };
}

describe('收文 reducer: who may do what at each step', () => {
  it('is this table', () => {
    const { push, table } = path();
    const tables: Record<string, Record<string, string[]>> = {};
    const steps: [string, string][] = [
      ['bgt.sun', 'deliver'],
      ['gxj.wu', 'receive'],
      ['gxj.wu', 'register'],
      ['gxj.wu', 'review'],
      ['gxj.wu', 'propose'],
      ['gxj.zheng', 'instruct'],
      ['gxj.chen', 'read'],
      ['gxj.chen', 'complete'],
      ['gxj.wu', 'archive'],
    ];
    tables.start = table();
    for (const [login, type] of steps) tables[`${type}→${push(login, type).state.phase}`] = table();
    const gxjOffice = ['gxj.wu', 'admin'];
    expect(tables).toEqual({
      start: { deliver: ['bgt.sun', 'gxj.wu', 'spj.lin', 'dcs.lin', 'admin'], register: ['bgt.sun', 'gxj.wu', 'spj.lin', 'dcs.lin', 'admin'], send_back: ['bgt.sun', 'gxj.wu', 'spj.lin', 'dcs.lin', 'admin'] },
      'deliver→delivered': { receive: gxjOffice, send_back: gxjOffice },
      'receive→received': { register: gxjOffice, send_back: gxjOffice },
      // A 阅知件 may go to 传阅 as soon as it is registered.
      'register→registered': { review: gxjOffice, send_back: gxjOffice, circulate: gxjOffice },
      'review→reviewed': { propose: gxjOffice, instruct: ['gxj.zheng'], circulate: gxjOffice },
      'propose→proposed': { instruct: ['gxj.zheng'], circulate: gxjOffice },
      // 办理中: the reader 阅毕s, the office 传阅s more, the office/督查室/leader 催办, the 主办 or office 办结, the 督查室 转督办.
      'instruct→handling': { circulate: gxjOffice, read: ['gxj.chen'], urge: ['gxj.wu', 'gxj.zheng', 'dcs.lin', 'admin'], supervise: ['dcs.lin', 'admin'], complete: ['gxj.wu', 'gxj.zheng', 'gxj.chen', 'admin'] },
      'read→handling': { circulate: gxjOffice, urge: ['gxj.wu', 'gxj.zheng', 'dcs.lin', 'admin'], supervise: ['dcs.lin', 'admin'], complete: ['gxj.wu', 'gxj.zheng', 'gxj.chen', 'admin'] },
      'complete→done': { circulate: gxjOffice, supervise: ['dcs.lin', 'admin'], archive: gxjOffice },
      'archive→archived': {},
    });
  });

  it('签收 records who and when; a misdelivered 来文 is 退回 with a reason, and its sender is told', () => {
    const { push } = path();
    push('bgt.sun', 'deliver');
    const r = push('gxj.wu', 'send_back', { reason: '非本单位业务' });
    expect(r.state).toMatchObject({ phase: 'returned', returned: { by: { login: 'gxj.wu' }, text: '非本单位业务' } });
    const notices = incomingArea.notifications!({ id: 'i', kind: 'incoming', fields: incomingArea.fields.parse({ title: '关于检查的通知' }), body: '', reduced: r, createdAt: '', updatedAt: '' });
    expect(notices).toMatchObject([{ audience: 'unit:市政府办公厅', kind: 'returned', body: `${GXJ}退回《关于检查的通知》:非本单位业务` }]);
  });

  it('a classified 来文 is refused at 登记 with the clear message', () => {
    const { push } = path();
    const r = push('gxj.wu', 'register', { ...payloadFor('register'), secrecy: '机密★10年' });
    expect(r.history.at(-1)).toMatchObject({ applied: false, conflict: CLASSIFIED_REFUSAL });
  });

  it('传阅 in parallel: every copy, who has read it (with an opinion) and who has not; 阅毕 twice is harmless', () => {
    const { push } = path();
    push('bgt.sun', 'deliver');
    push('gxj.wu', 'receive');
    push('gxj.wu', 'register');
    push('gxj.wu', 'review');
    push('gxj.zheng', 'instruct', { instruction: '传阅', readers: [named('gxj.chen'), named('gxj.zheng')] });
    push('gxj.zheng', 'read', { opinion: '请数据处抓落实' });
    const r = push('gxj.zheng', 'read', {});
    expect(r.history.at(-1)).toMatchObject({ applied: false, conflict: null, note: '已阅毕' });
    expect(r.state.copies.map((c) => [c.reader.login, c.readAt !== null, c.opinion])).toEqual([
      ['gxj.chen', false, ''],
      ['gxj.zheng', true, '请数据处抓落实'],
    ]);
    expect(incomingArea.access!(r.state)).toEqual([GXJ]);
    const view = { id: 'i', kind: 'incoming', fields: incomingArea.fields.parse({}), body: '', reduced: r, createdAt: '', updatedAt: '' };
    expect(incomingArea.todos!(view).map((t) => [t.audience, t.label, t.due])).toEqual([
      [`unit:${GXJ}`, '承办', '2022-07-15'],
      ['user:gxj.chen', '传阅', '2022-07-15'],
    ]);
    expect(incomingArea.deadlines!(view)).toEqual([{ name: '办理时限', due: '2022-07-15', rule: '登记时确定的办理时限', done: false, estimated: false }]);
    expect(person('gxj.chen').unit).toBe(GXJ);
  });
});
