import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, SUPERVISOR } from '../../core/supervision/testing/log';
import { SupervisionFilter, type SupervisionFilterInput, type SupervisionRow } from '../../core/supervision/model';
import { unitAliases } from '../../core/directory/units';
import { Store } from '../store/store';
import { incoming, removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { planList } from './list-query';
import { SupervisionRepository, supervisionRepo } from './repository';

const UNITS = ['市工信局(大数据局)', '市审批管理局', '市信息中心', '市公安局', '思明区'];
const SECTIONS = ['一、打造协同高效的数字政府', '二、发展融合融通的数字经济', '三、构建开放共享的数据资源体系'];
const WORDS = ['信息共享', '平台建设', '数据汇聚', '网络安全'];

interface Item {
  id: string;
  rid: number;
  title: string;
  section: string;
  order: number;
  lead: string[];
  responsible: string[];
  deadline: string | null;
  completed: boolean;
  text: string;
  updatedAt: string;
}

let store: Store;
let db: Database;
let items: Item[] = [];
let sourceId = '';

beforeAll(() => {
  store = Store.open({ dir: tempDir() });
  db = (store as unknown as { db: Database }).db;
  sourceId = store.create('incoming', incoming({ title: '工作要点' }));
  const specs = Array.from({ length: 60 }, (_, i) => ({
    title: `事项${i}${WORDS[i % 4]}`,
    section: SECTIONS[i % 3] as string,
    // Orders are not creation order, and some deadlines repeat or are missing.
    order: (i * 37) % 60,
    lead: [UNITS[i % 5] as string, ...(i % 4 === 0 ? [UNITS[(i + 2) % 5] as string] : [])],
    responsible: [UNITS[(i + 1) % 5] as string, ...(i % 3 === 0 ? ['思明区'] : [])].filter((u, k, a) => a.indexOf(u) === k),
    deadline: i % 7 === 0 ? null : `2022-${String((i % 6) + 1).padStart(2, '0')}-${String((i % 3) + 10)}`,
    body: `${WORDS[(i + 1) % 4]},第${i}项`,
    updatedAt: `2022-06-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    sourceId: i < 10 ? sourceId : null,
  }));
  const ids = store.createMany(specs.map((spec) => ({ kind: 'supervision' as const, build: supervision(spec) })));
  // (Items naming a unit as both lead and responsible stay open: an assignment gives a unit one role.)
  const completed = new Set(ids.filter((_, i) => i % 4 === 1 && !specs[i]!.responsible.some((u) => specs[i]!.lead.includes(u))));
  // Completed = 交办, 办结申请 by the lead unit, accepted by the 督查室; the others stay 待交办.
  for (const [i, id] of ids.entries()) {
    if (!completed.has(id)) continue;
    const unit = specs[i]!.lead[0]!;
    const staff = { login: `staff-${i}`, name: '承办人', unit, role: 'unit_staff' as const };
    const assignments = [
      ...specs[i]!.lead.map((u) => ({ unit: u, role: 'lead' as const })),
      ...specs[i]!.responsible.map((u) => ({ unit: u, role: 'responsible' as const })),
    ];
    const assign = makeEvent('assign', SUPERVISOR, { assignments }, { at: '2022-06-01T00:00:00Z' });
    const request = makeEvent('completion_request', staff, { unit, summary: '已完成' }, { basis: assign.id, at: '2022-06-30T00:00:00Z' });
    const accept = makeEvent('completion_review', SUPERVISOR, { requestId: request.id, accept: true }, { basis: request.id, at: '2022-07-01T00:00:00Z' });
    for (const e of [assign, request, accept]) store.act(id, e);
  }
  items = specs.map((spec, i) => ({
    ...spec,
    id: ids[i] as string,
    rid: (db.prepare('SELECT rid FROM records WHERE id = ?').get(ids[i]) as { rid: number }).rid,
    completed: completed.has(ids[i] as string),
    // Search also finds an item by its units and their other names (issue 10, point 6).
    text: `${spec.title} ${spec.body} ${[...spec.lead, ...spec.responsible].flatMap((u) => [u, ...unitAliases(u)]).join(' ')}`,
  }));
});
afterAll(() => {
  store.close();
  removeTempDirs();
});

/** The expected page, computed in JS from the inputs. */
function expected(f: SupervisionFilterInput): { ids: string[]; total: number } {
  const key = (it: Item): Array<string | number> =>
    f.sort === 'deadline'
      ? [it.deadline ?? '9999-12-31', it.order, it.rid]
      : f.sort === 'updated'
        ? [it.updatedAt, it.rid]
        : [it.order, it.rid];
  const cmp = (a: Item, b: Item) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i += 1) {
      if (ka[i] !== kb[i]) return ((ka[i] as never) < (kb[i] as never) ? -1 : 1) * (f.desc ? -1 : 1);
    }
    return 0;
  };
  const matching = items
    .filter((it) => f.section === undefined || it.section === f.section)
    .filter((it) => f.lead === undefined || it.lead.includes(f.lead))
    .filter((it) => f.responsible === undefined || it.responsible.includes(f.responsible))
    .filter((it) => f.status === undefined || f.status === (it.completed ? 'completed' : 'draft'))
    .filter((it) => f.q === undefined || it.text.includes(f.q))
    .sort(cmp);
  const offset = f.offset ?? 0;
  return { ids: matching.slice(offset, offset + (f.limit ?? 50)).map((it) => it.id), total: matching.length };
}

const FILTERS: SupervisionFilterInput[] = [];
for (const sort of ['order', 'deadline', 'updated'] as const) {
  for (const desc of [false, true]) {
    FILTERS.push(
      { sort, desc },
      { sort, desc, lead: '市工信局(大数据局)' },
      { sort, desc, responsible: '思明区' },
      { sort, desc, lead: '市审批管理局', responsible: '市信息中心' },
      { sort, desc, lead: '市公安局', status: 'draft' },
      { sort, desc, responsible: '市审批管理局', status: 'completed', section: SECTIONS[1] },
      { sort, desc, section: SECTIONS[0] },
      { sort, desc, status: 'completed' },
      { sort, desc, status: 'completed', section: SECTIONS[2], limit: 4, offset: 1 },
      { sort, desc, section: SECTIONS[2], status: 'draft' },
      { sort, desc, q: '信息' },
      { sort, desc, q: '平台建设', lead: '市信息中心' },
      { sort, desc, q: '数据', status: 'draft', section: SECTIONS[1] },
      { sort, desc, limit: 7, offset: 5 },
      { sort, desc, lead: '思明区', limit: 3, offset: 2 },
    );
  }
}

const listed = (repo: SupervisionRepository, f: SupervisionFilterInput) => {
  const page = repo.list(f);
  return { ids: page.rows.map((r) => r.id), total: page.total };
};

describe('SupervisionRepository.list', () => {
  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('%s', (_name, filter) => {
    const want = expected(filter);
    expect(listed(supervisionRepo(store), filter)).toEqual(want);
    // The same page whichever plan is forced: always walk a sort index, or always fetch and sort.
    expect(listed(new SupervisionRepository(db, { fewRows: 0 }), filter)).toEqual(want);
    expect(listed(new SupervisionRepository(db, { fewRows: Number.POSITIVE_INFINITY }), filter)).toEqual(want);
  });

  it('returns complete rows with derived status', () => {
    const completed = items.find((it) => it.completed && it.deadline) as Item;
    const row = supervisionRepo(store).list({ q: completed.title }).rows.find((r) => r.id === completed.id) as SupervisionRow;
    expect(row).toMatchObject({
      title: completed.title,
      section: completed.section,
      order: completed.order,
      lead: completed.lead,
      responsible: completed.responsible,
      deadline: completed.deadline,
      status: 'completed',
      conflict: false,
    });
  });

  it('matches nothing for an unknown unit, a word that is nowhere, or a query of punctuation', () => {
    expect(supervisionRepo(store).list({ lead: '不存在的单位' })).toEqual({ rows: [], total: 0 });
    expect(supervisionRepo(store).list({ q: '不存在的词' })).toEqual({ rows: [], total: 0 });
    expect(supervisionRepo(store).list({ q: '。,' })).toEqual({ rows: [], total: 0 });
  });

  it('walks an index in sort order (no sort of all matches) unless a text filter is selective', () => {
    for (const input of FILTERS) {
      const filter = SupervisionFilter.parse(input);
      const text = filter.q ? { match: `"${filter.q.slice(0, 2)}"`, few: false } : null;
      const { page } = planList(filter, text, { today: '2022-07-05', warnBefore: '2022-07-11' });
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n');
      expect(plan, page.sql).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });
});

describe('SupervisionRepository: facets, units, links', () => {
  it('counts sections, units and statuses', () => {
    const facets = supervisionRepo(store).facets();
    expect(facets.sections.map((s) => s.value).sort()).toEqual([...SECTIONS].sort());
    expect(facets.sections.reduce((n, s) => n + s.count, 0)).toBe(60);
    const leadCount = (u: string) => items.filter((it) => it.lead.includes(u)).length;
    expect(facets.leads).toEqual(
      expect.arrayContaining(UNITS.map((u) => ({ value: u, count: leadCount(u) })).filter((f) => f.count > 0)),
    );
    expect(facets.statuses).toEqual([
      { value: 'draft', count: items.filter((it) => !it.completed).length },
      { value: 'completed', count: items.filter((it) => it.completed).length },
    ]);
  });

  it('lists the directory with lead/responsible counts and kinds', () => {
    const units = supervisionRepo(store).units();
    const district = units.find((u) => u.name === '思明区');
    expect(district).toMatchObject({
      kind: 'district',
      leadCount: items.filter((it) => it.lead.includes('思明区')).length,
      responsibleCount: items.filter((it) => it.responsible.includes('思明区')).length,
    });
    expect(units.find((u) => u.name === '市工信局(大数据局)')?.aliases).toEqual(['大数据局', '市工信局', '市工业和信息化局', '市大数据局', '市大数据管理局']);
  });

  it('counts items created from a document, and gives the next list position', () => {
    expect(supervisionRepo(store).linkedTo(sourceId)).toBe(10);
    expect(supervisionRepo(store).linkedTo('other')).toBe(0);
    expect(supervisionRepo(store).nextOrder()).toBe(60);
  });
});
