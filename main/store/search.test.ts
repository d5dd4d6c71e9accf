import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { Store } from './store';
import { incoming, removeTempDirs, supervision, tempDir } from './testing/fixtures';

let store: Store;
const ids: Record<string, string> = {};

beforeAll(() => {
  store = Store.open({ dir: tempDir() });
  const items = {
    duban: supervision({ title: '督办事项办理', body: '按月报送办理情况' }),
    xinfang: supervision({ title: '完善群众诉求渠道', body: '推进信访工作法治化' }),
    fiveG: supervision({ title: '提升网络基础设施', body: '全面推进5G网络建设' }),
    ipv6: supervision({ title: '推进下一代互联网', body: '加快IPv６规模部署和应用' }),
    fullwidth: supervision({ title: '优化政务服务渠道', body: '推动不少于６００项“掌上办”事项入驻' }),
    halfwidth: supervision({ title: '拓展自助服务', body: '“e政务”自助服务事项突破600项' }),
    phrase: supervision({ title: '打造协同高效的数字政府', body: '' }),
    apart: supervision({ title: '发展数字经济', body: '优化政府服务' }),
    note: supervision({ title: '建设城市大脑', body: '', progressNote: '已完成一期验收' }),
    infoTitle: supervision({ title: '信息安全保障', body: '落实等级保护制度' }),
    infoBody: supervision({ title: '加强网络安全', body: '提升网络与信息安全态势感知能力,做好信息通报' }),
  };
  for (const [key, build] of Object.entries(items)) ids[key] = store.create('supervision', build);
  ids.doc = store.create('incoming', incoming({ title: '关于印发信息化工作要点的通知', docNumber: '厦府办〔2022〕47号' }));
});
afterAll(() => {
  store.close();
  removeTempDirs();
});

const found = (q: string, kind?: 'supervision' | 'incoming') =>
  store.search(kind ? { q, kind } : { q }).hits.map((h) => Object.entries(ids).find(([, id]) => id === h.id)?.[0]);

describe('search', () => {
  it('finds two-character words', () => {
    expect(found('督办')).toEqual(['duban']);
    expect(found('信访')).toEqual(['xinfang']);
  });

  it('finds 5G and IPv6, whatever the width or case of either side', () => {
    expect(found('5G')).toEqual(['fiveG']);
    expect(found('５ｇ')).toEqual(['fiveG']);
    expect(found('IPv6')).toEqual(['ipv6']);
    expect(found('ipv６')).toEqual(['ipv6']);
  });

  it('matches 600 and ６００ both ways', () => {
    expect(found('600').sort()).toEqual(['fullwidth', 'halfwidth']);
    expect(found('６００').sort()).toEqual(['fullwidth', 'halfwidth']);
    expect(found('600项').sort()).toEqual(['fullwidth', 'halfwidth']);
  });

  it('matches a phrase only where its characters are adjacent', () => {
    expect(found('数字政府')).toEqual(['phrase']);
    expect(found('数字 政府').sort()).toEqual(['apart', 'phrase']);
  });

  it('answers a one-character query', () => {
    expect(found('访')).toEqual(['xinfang']);
  });

  it('returns nothing for a word that is nowhere, or a query of punctuation', () => {
    expect(store.search({ q: '不存在的词语' })).toEqual({ hits: [], total: 0 });
    expect(store.search({ q: ',。!' })).toEqual({ hits: [], total: 0 });
  });

  it('searches progress notes, incoming documents, and filters by kind', () => {
    expect(found('一期验收')).toEqual(['note']);
    expect(found('47号')).toEqual(['doc']);
    expect(found('信息化', 'incoming')).toEqual(['doc']);
    expect(found('信息化', 'supervision')).toEqual([]);
  });

  it('ranks a title match above body matches', () => {
    const hits = found('信息');
    expect(hits[0]).toMatch(/infoTitle|doc/);
    expect(hits.indexOf('infoTitle')).toBeLessThan(hits.indexOf('infoBody'));
  });

  it('returns snippets as plain segments around the hit, from the original text', () => {
    const [hit] = store.search({ q: '600', kind: 'supervision' }).hits.filter((h) => h.id === ids.fullwidth);
    expect(hit?.snippet).toEqual([
      { text: '推动不少于', hit: false },
      { text: '６００', hit: true },
      { text: '项“掌上办”事项入驻', hit: false },
    ]);
    expect(hit?.title).toBe('优化政务服务渠道');
    // A title-only match shows the title, highlighted.
    const [titleHit] = store.search({ q: '数字政府' }).hits;
    expect(titleHit?.snippet).toEqual([
      { text: '打造协同高效的', hit: false },
      { text: '数字政府', hit: true },
    ]);
  });

  it('follows edits: new text is found, replaced text is not', () => {
    const id = store.create('supervision', supervision({ title: '临时事项', body: '旧的说法' }));
    store.change(id, (doc) => {
      setBodyText(doc, '新的提法');
      fieldsOf(doc).set('progressNote', '协调推进中');
    });
    expect(store.search({ q: '旧的说法' }).total).toBe(0);
    expect(store.search({ q: '新的提法' }).hits.map((h) => h.id)).toEqual([id]);
    expect(store.search({ q: '协调推进' }).hits.map((h) => h.id)).toEqual([id]);
  });

  it('limits hits but reports the full total', () => {
    const result = store.search({ q: '推进', limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBeGreaterThan(1);
  });
});

describe('search above the exact-ranking limit', () => {
  it('ranks title matches first, then recent body matches, and keeps the exact total', () => {
    const big = Store.open({
      dir: tempDir(),
      searchTuning: { exactLimit: 3, titleCandidates: 2, recentCandidates: 5 },
    });
    try {
      const bodyOnly = big.createMany(
        Array.from({ length: 8 }, (_, i) => ({ kind: 'supervision' as const, build: supervision({ title: `事项${i}`, body: '汇聚共享数据' }) })),
      );
      const titled = big.create('supervision', supervision({ title: '数据共享平台', body: '' }));
      const result = big.search({ q: '数据', limit: 4 });
      expect(result.total).toBe(9);
      expect(result.hits[0]?.id).toBe(titled);
      // The remaining places go to the most recent body matches.
      expect(result.hits.slice(1).every((h) => bodyOnly.slice(-5).includes(h.id))).toBe(true);
    } finally {
      big.close();
    }
  });
});
