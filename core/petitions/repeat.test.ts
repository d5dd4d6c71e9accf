import { describe, expect, it } from 'vitest';
import { blindToken } from './blind-index';
import { RepeatIndex } from './repeat';
import { evaluationCases } from './repeat-cases';

const KEY = new Uint8Array(32).fill(3);
/** A person's phone as 13800000000 + a number, by the person's label. */
const phoneOf = (person: string) => `138${String([...person].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e8, 7)).padStart(8, '0')}`;

describe('repeat detection on 220 written cases', () => {
  const cases = evaluationCases();

  it('has at least 200 cases: groups told in other words, by the same and by different people, and one-offs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.text)).size).toBeGreaterThan(cases.length * 0.95);
  });

  it('same matter: precision and recall over every pair (each case against all earlier ones)', () => {
    const index = new RepeatIndex();
    let tp = 0, fp = 0, fn = 0;
    for (const c of cases) {
      const found = new Set(index.find({ text: c.text }, 1000).filter((m) => m.similarity > 0).map((m) => m.id));
      for (const earlier of cases.slice(0, cases.indexOf(c))) {
        const truth = earlier.matter === c.matter;
        if (truth && found.has(earlier.id)) tp++;
        else if (truth) fn++;
        else if (found.has(earlier.id)) fp++;
      }
      index.add({ id: c.id, kind: 'petition', text: c.text });
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`repeat detection (matter): pairs tp=${tp} fp=${fp} fn=${fn} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('same person by blind-index token, whatever the words; unrelated people never match by person', () => {
    const index = new RepeatIndex();
    for (const c of cases) index.add({ id: c.id, kind: 'petition', text: c.text, personTokens: [blindToken(KEY, 'phone', phoneOf(c.person))] });
    // m5-0 and m5-1 are the same person: found by phone written another way, even with a different matter text.
    const m = index.find({ text: '咨询公积金提取', personTokens: [blindToken(KEY, 'phone', `+86 ${phoneOf('p5-0')}`)] });
    expect(m.map((x) => x.id).sort()).toEqual(['m5-0', 'm5-1']);
    expect(m[0]!.reasons).toContain('同一信访人(身份证号或电话一致)');
    expect(index.find({ text: '完全无关的新事项', personTokens: [blindToken(KEY, 'phone', '13999999999')] })).toEqual([]);
  });

  it('across kinds, with the reason; a matter closed by 复核 is flagged', () => {
    const index = new RepeatIndex();
    index.add({ id: 'pr-1', kind: 'proposal', text: '关于在环岛路增设自行车专用道的建议,骑行者和行人混行很危险' });
    index.add({ id: 'xf-9', kind: 'petition', text: '购买的滨海华庭商品房逾期两年未交房,开发商资金链断裂停工', final: true });
    const [p] = index.find({ text: '建议在环岛路增设自行车专用道,现在骑行者和行人混行很危险' });
    expect(p).toMatchObject({ id: 'pr-1', kind: 'proposal', samePerson: false });
    expect(p!.reasons[0]).toMatch(/^事项内容相似\(相似度\d+%\)$/);
    const [f] = index.find({ text: '滨海华庭商品房逾期两年未交房,开发商停工,要求退款' });
    expect(f).toMatchObject({ id: 'xf-9', final: true });
    expect(f!.reasons).toContain('该事项已经复核,同一事实和理由不再受理');
  });

  it('a mass complaint (集体访: 600 identical letters) still finds the latest of them', () => {
    const index = new RepeatIndex();
    for (let i = 0; i < 600; i++) index.add({ id: `j${i}`, kind: 'petition', text: '新阳工业区化工厂夜间偷排废水,河水发黑发臭,请求环保部门查处' });
    const found = index.find({ text: '新阳工业区化工厂夜间偷排废水,河水发黑发臭,请求环保部门查处。' }, 5);
    expect(found).toHaveLength(5);
    expect(found.every((m) => m.similarity > 0.9 && Number(m.id.slice(1)) >= 400)).toBe(true);
  });
});
