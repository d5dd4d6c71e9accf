import { performance } from 'node:perf_hooks';
import { createRecordKey, openRecordKeys, type KeyEnvelope } from '../core/crypto/field/envelopes';
import type { RecordKey } from '../core/crypto/field/record-key';
import { discardRecordKey } from '../core/crypto/field/record-key';
import { softProviderWithKeys } from '../core/crypto/test-helpers';
import { readerOf } from '../core/crypto/field/test-support';
import { blindToken } from '../core/petitions/blind-index';
import type { StoredPerson } from '../core/petitions/model';
import { protectPersons, revealPersons } from '../core/petitions/protect';
import { RepeatIndex } from '../core/petitions/repeat';
import { evaluationCases } from '../core/petitions/repeat-cases';
import { shingleSet } from '../core/petitions/shingles';
import { petitionRequestFigures } from './petitions-requests';
import { p95 } from './store';

/**
 * `npm run bench -- petitions` (issue 14), one JSON line:
 * - repeat_p95_ms: repeat detection of a new case (same person by blind-index token, same matter
 *   by MinHash/LSH + exact Jaccard) against 100,000 existing cases; reference: shingling the
 *   new case's text alone (ref_shingle_p95_ms), the floor of any text comparison;
 * - masked_page_p95_ms: a page of 50 rows decrypted for an authorised role with the record keys
 *   in the session cache (main/petitions/keyring.ts: what every view after the first costs);
 *   masked_page_cold_p95_ms: the first view, each record's key unwrapped through the SM2
 *   provider; reference: the same page's masks (ref_masked_p95_ms).
 */
// A synthetic corpus with the variety of a city's case load: place × object × problem × consequence × demand.
const PLACES = ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'];
const STREETS = ['莲前街道', '江头街道', '嘉莲街道', '侨英街道', '新阳街道', '五显镇', '马巷街道', '鼓浪屿街道', '筼筜街道', '殿前街道'];
const COMMUNITIES = '瑞景 金山 湖滨 松柏 莲花 前埔 古楼 后埔 东渡 高殿 乌石浦 杏林 灌口 新店 大嶝 内厝 西柯 洪塘 汀溪 莲河'.split(' ');
const OBJECTS = '外墙 电梯 下水道 路灯 围墙 化粪池 消防通道 楼顶 停车场 绿化带 垃圾站 供水管 燃气管道 变电箱 排水沟 人行道 健身器材 农贸市场 公厕 桥梁'.split(' ');
const PROBLEMS = '破损严重 长期漏水 噪音扰民 异味刺鼻 被违规占用 年久失修 存在安全隐患 无人管理 收费不合理 施工扰民'.split(' ');
const CONSEQUENCES = '影响居民正常生活 老人小孩出行不便 多次反映无果 物业推诿扯皮 社区表示无能为力 已造成财产损失 居民意见很大 夜间无法休息'.split(' ');
const DEMANDS = '请求尽快维修 要求彻底整改 希望有关部门介入 要求追究责任 请求给予答复 要求赔偿损失'.split(' ');

function syntheticCase(i: number, r: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  return `${pick(PLACES)}${pick(STREETS)}${pick(COMMUNITIES)}社区${(i % 97) + 1}号楼${pick(OBJECTS)}${pick(PROBLEMS)},${pick(CONSEQUENCES)},${pick(DEMANDS)}。`;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const time = (run: () => unknown): number => {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
};

function repeatFigures(n: number) {
  const r = rng(14);
  const key = new Uint8Array(32).fill(5);
  const index = new RepeatIndex();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) index.add({ id: `c${i}`, kind: i % 10 === 0 ? 'proposal' : 'petition', text: syntheticCase(i, r), personTokens: [blindToken(key, 'phone', `139${String(i).padStart(8, '0')}`)] });
  const buildMs = performance.now() - t0;
  // Half written cases, half new cases like the corpus's (same places and kinds of problem).
  const qr = rng(99);
  const queries = [...evaluationCases().slice(0, 100), ...Array.from({ length: 100 }, (_, i) => ({ text: syntheticCase(i, qr) }))];
  const found: number[] = [];
  const times = queries.map((q, i) => time(() => found.push(index.find({ text: q.text, personTokens: [blindToken(key, 'phone', `139${String(i * 37).padStart(8, '0')}`)] }).length)));
  const ref = queries.map((q) => time(() => shingleSet(q.text)));
  return { n, build_ms: Math.round(buildMs), repeat_p95_ms: p95(times), ref_shingle_p95_ms: p95(ref), mean_matches: found.reduce((a, b) => a + b, 0) / found.length };
}

async function pageFigures() {
  const { provider, handles } = await softProviderWithKeys(1);
  const officeKey = handles[0]!;
  const indexKey = new Uint8Array(32).fill(5);
  const rows: { id: string; envelopes: KeyEnvelope[]; persons: StoredPerson[] }[] = [];
  for (let i = 0; i < 50; i++) {
    const { key, envelopes } = await createRecordKey([readerOf('role:petition_office', officeKey)]);
    const id = `xf-${i}`;
    rows.push({ id, envelopes, persons: protectPersons(key, id, [{ name: `测试${i}号`, idNumber: `35020319900101${String(1000 + i)}`, phone: `1380000${String(1000 + i)}`, address: '厦门市' }], indexKey) });
    discardRecordKey(key);
  }
  const cold: number[] = [];
  const warm: number[] = [];
  const masked: number[] = [];
  const cache = new Map<string, RecordKey[]>();
  for (let round = 0; round < 40; round++) {
    const t0 = performance.now();
    for (const row of rows) {
      const keys = await openRecordKeys(row.envelopes, provider, officeKey);
      revealPersons(keys, row.id, row.persons, ['name']);
      if (round === 0) cache.set(row.id, keys);
    }
    cold.push(performance.now() - t0);
    warm.push(time(() => rows.forEach((row) => revealPersons(cache.get(row.id)!, row.id, row.persons, ['name']))));
    masked.push(time(() => rows.map((row) => row.persons.map((p) => p.masked.name).join('、'))));
  }
  return { masked_page_p95_ms: p95(warm), masked_page_cold_p95_ms: p95(cold), ref_masked_p95_ms: p95(masked) };
}

export async function runPetitionsBench(args: { n?: number }): Promise<Record<string, unknown>> {
  const n = args.n ?? 100_000;
  return { area: 'petitions', ...repeatFigures(n), ...(await pageFigures()), ...(await petitionRequestFigures()), targets: { repeat_p95_ms: 50, masked_page_p95_ms: 20 } };
}
