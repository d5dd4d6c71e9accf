import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_USERS } from '../../core/supervision/demo-users';
import { Store } from '../store/store';
import { removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { eventJson } from '../../core/kernel/event';
import { bodyText } from '../../core/records/record-doc';
import { readSupervisionDetail } from '../supervision/detail';
import { defaultSeedFile, importSeedFile, IMPORT_ACTOR, type SeedImportResult } from './import-seed';
import { supervisionRepo } from '../supervision/repository';

let store: Store;
let result: SeedImportResult;
const view = (today: string) => ({ today, actor: DEMO_USERS[0]!, warnWorkingDays: 3 });
const byCode = (code: string) => supervisionRepo(store).list({ limit: 100 }, { today: '2022-06-21' }).rows.find((r) => r.code === code)!;

beforeAll(() => {
  store = Store.open({ dir: tempDir() });
  result = importSeedFile(store, defaultSeedFile(), new Date('2022-06-20T01:00:00Z'));
});
afterAll(() => {
  store.close();
  removeTempDirs();
});

describe('importing the 工作要点 as 督办', () => {
  it('creates one 收文, one 立项 linked to it, and the 39 items under the 立项', () => {
    expect(store.count('incoming')).toBe(1);
    expect(store.count('supervision')).toBe(40);
    expect(supervisionRepo(store).list({}).total).toBe(39);
    const project = readSupervisionDetail(store, result.projectId, view('2022-06-21'));
    expect(project).toMatchObject({ level: 'project', title: '《2022年数字厦门工作要点》重点工作督办', sourceKind: 'incoming' });
    expect(project.source).toMatchObject({ id: result.documentId, docNumber: '厦府办〔2022〕47号' });
    expect(project.children).toHaveLength(39);
    expect(project.children[0]).toMatchObject({ code: '一(一)1', status: 'in_progress' });
    expect(supervisionRepo(store).linkedTo(result.documentId)).toBe(39);
  });

  it('takes a deadline from the text with its phrase; items without one have none', () => {
    expect(byCode('三(二)')).toMatchObject({ deadline: '2022-06-30', deadlinePhrase: '６月底前' });
    expect(byCode('一(一)1')).toMatchObject({ deadline: null, deadlinePhrase: '' });
    expect(supervisionRepo(store).list({ sort: 'deadline', limit: 1 }).rows[0]?.code).toBe('三(二)');
  });

  it('交办s each item to its 牵头 and 责任 units; 各区 is six units, 市直各部门 one group', () => {
    const item = readSupervisionDetail(store, byCode('一(一)2').id, view('2022-06-21'));
    expect(item.status).toBe('in_progress');
    expect(item.history[0]?.event).toMatchObject({ type: 'assign', actor: IMPORT_ACTOR.login });
    expect(item.assignments.filter((a) => a.role === 'lead').map((a) => a.unit)).toEqual([
      '市工信局(大数据局)',
      '市审批管理局',
      '市信息中心',
      '市信息集团',
    ]);
    const responsible = item.assignments.filter((a) => a.role === 'responsible');
    expect(responsible.map((a) => [a.unit, a.group])).toEqual([
      ['市直各部门', true],
      ...['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'].map((u) => [u, false]),
    ]);
    // Contacts come from the (demo) directory where it knows the unit.
    expect(item.assignments.find((a) => a.unit === '市审批管理局')?.contact).toBe('张敏');
  });

  it('交办s on the document’s 印发日期 whatever the import day, so every profile writes the same records', () => {
    const item = readSupervisionDetail(store, byCode('三(二)').id, view('2022-06-21'));
    expect(item.history[0]?.event.at).toBe('2022-05-19T16:00:00.000Z'); // 2022-05-20 00:00 Beijing
    const other = Store.open({ dir: tempDir() });
    try {
      importSeedFile(other, defaultSeedFile(), new Date('2022-09-01T03:00:00Z'));
      for (const id of [result.documentId, result.projectId, item.id]) {
        expect(Buffer.from(Y.encodeStateAsUpdate(other.getDoc(id))).equals(Buffer.from(Y.encodeStateAsUpdate(store.getDoc(id))))).toBe(true);
        expect(other.events(id).map((e) => eventJson(e.event))).toEqual(store.events(id).map((e) => eventJson(e.event)));
      }
    } finally {
      other.close();
    }
  });

  it('merges without doubling with a profile that already held items when it imported (it only moves the list positions)', () => {
    const busy = Store.open({ dir: tempDir() });
    try {
      busy.create('supervision', supervision({ title: '本机原有事项', order: 0 }));
      importSeedFile(busy, defaultSeedFile(), new Date('2023-01-10T03:00:00Z'));
      const id = byCode('三(二)').id;
      const merged = new Y.Doc();
      Y.applyUpdate(merged, Y.encodeStateAsUpdate(store.getDoc(id)));
      Y.applyUpdate(merged, Y.encodeStateAsUpdate(busy.getDoc(id)));
      expect(bodyText(merged)).toBe(bodyText(store.getDoc(id)));
      // The 创建 and 交办 events are byte-identical too, so the server keeps one of each.
      const events = (s: Store) => s.events(id).map((e) => eventJson(e.event));
      expect(events(busy)).toEqual(events(store));
      expect(events(busy)).toHaveLength(2);
      expect(supervisionRepo(busy).list({ limit: 100 }, { today: '2022-06-21' }).rows.map((r) => r.title)[0]).toBe('本机原有事项');
    } finally {
      busy.close();
    }
  });

  it('on the import day, items nobody has 签收ed yet are yellow: the document was 交办ed on its 印发日期 (a deliberate choice)', () => {
    const rows = supervisionRepo(store).list({ limit: 100 }, { today: '2022-06-20' }).rows;
    expect(rows.filter((r) => r.light === 'yellow')).toHaveLength(39);
    expect(rows.every((r) => r.lightReasons.includes('未按时签收'))).toBe(true);
  });

  it('lights the items for the day: 签收 is due two working days after the 交办', () => {
    // 交办 on Friday 2022-05-20: 签收 due Tuesday 05-24.
    expect(supervisionRepo(store).list({ limit: 100 }, { today: '2022-05-24' }).rows.find((r) => r.code === '三(二)')?.light).toBe('green');
    const later = supervisionRepo(store).list({ limit: 100 }, { today: '2022-05-25' }).rows;
    expect(later.find((r) => r.code === '一(一)1')).toMatchObject({ light: 'yellow', lightReasons: expect.arrayContaining(['未按时签收']) });
    const overdue = supervisionRepo(store).list({ light: 'red' }, { today: '2022-07-05' });
    expect(overdue.rows.map((r) => [r.code, r.lightReasons[0]])).toEqual([['三(二)', '已超期3个工作日']]);
  });
});
