import { seededRandom } from '../core/testing/seeded-random';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Realistic benchmark text: sentences, titles, sections and units cut out of the 2022 数字厦门
 * work points, recombined at random with a seeded generator so runs are comparable.
 */

export interface BenchItem {
  code: string;
  title: string;
  section: string;
  order: number;
  lead: string[];
  responsible: string[];
  deadline: string | null;
  progressNote: string;
  body: string;
}

const SEED_FILE = fileURLToPath(new URL('../seeds/xiamen-2022-digital-work-points.txt', import.meta.url));

/** Units that appear in the document, padded to about 60 with other common ones. */
const EXTRA_UNITS = [
  '市发改委', '市财政局', '市教育局', '市科技局', '市民政局', '市人社局', '市商务局', '市文旅局', '市卫健委',
  '市医保局', '市统计局', '市税务局', '市自然资源局', '市水利局', '市农业农村局', '市海洋发展局', '市港口局',
  '市体育局', '市信访局', '市机关事务局', '思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区', '市委网信办',
  '市委宣传部', '市委组织部', '市委编办', '市国资委', '市金融监管局', '市地方志办', '市气象局', '市供电公司',
];

/** Deterministic PRNG: same seed, same corpus. */
export const rng = seededRandom;

export interface Corpus {
  sentences: string[];
  titles: string[];
  sections: string[];
  units: string[];
}

export function loadCorpus(): Corpus {
  const raw = readFileSync(SEED_FILE, 'utf8');
  const lines = raw.split('\n').map((l) => l.trim()).filter((l) => l && !/^—.*—$/u.test(l));
  const sections = lines.filter((l) => /^[一二三四五六七八九十]、/u.test(l));
  const joined = lines.join('');
  const titles = [...joined.matchAll(/[０-９\d]+．([^.(]{4,40})\./gu)].map((m) => m[1] ?? '').filter(Boolean);
  const sentences = joined
    .split(/[.。]/u)
    .map((s) => s.replace(/^[０-９\d]+．/u, '').trim())
    .filter((s) => s.length >= 12 && !s.includes('单位:'));
  const units = new Set<string>();
  for (const m of joined.matchAll(/(?:牵头单位|责任单位):([^;)]+)/gu)) {
    for (const u of (m[1] ?? '').split(/[、,]/u)) {
      const name = u.replace(/等.*$/u, '').trim();
      if (name.length >= 3 && name.length <= 14 && !/[()]|单位|按职责/u.test(name)) units.add(name);
    }
  }
  for (const u of EXTRA_UNITS) if (units.size < 60) units.add(u);
  return { sentences, titles, sections, units: [...units].slice(0, 60) };
}

const NOTES = [
  '已完成方案编制,正在组织专家评审',
  '平台一期已上线试运行,正在推进数据对接',
  '已召开推进会,明确责任分工和时间节点',
  '受疫情影响进度滞后,已调整实施计划',
  '已完成招标采购,进入建设实施阶段',
];

export function makeItems(corpus: Corpus, n: number, seed = 2022): BenchItem[] {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const pickSome = (list: readonly string[], max: number) => {
    const count = 1 + Math.floor(rand() * max);
    return [...new Set(Array.from({ length: count }, () => pick(list)))];
  };
  const items: BenchItem[] = [];
  for (let i = 0; i < n; i += 1) {
    const sentenceCount = 3 + Math.floor(rand() * 3);
    const body = Array.from({ length: sentenceCount }, () => pick(corpus.sentences)).join('。');
    const day = Math.floor(rand() * 1000);
    const deadline = rand() < 0.1 ? null : new Date(Date.UTC(2022, 5, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const note = rand() < 0.3 ? `${pick(NOTES)}。${pick(corpus.sentences)}` : '';
    const sectionIndex = Math.floor(rand() * corpus.sections.length);
    items.push({
      code: `${sectionIndex + 1}-${i + 1}`,
      title: rand() < 0.5 ? pick(corpus.titles) : `${pick(corpus.units)}${pick(corpus.titles)}`,
      section: corpus.sections[sectionIndex] ?? '',
      order: i,
      lead: pickSome(corpus.units, 3),
      responsible: pickSome(corpus.units, 4),
      deadline,
      progressNote: note,
      body,
    });
  }
  return items;
}
