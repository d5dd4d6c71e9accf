import type { Block } from './blocks';
import { firstSentenceEnd, numberToChinese, subCode, type HeadingLevel } from './numbering';
import { parseUnitParen } from './unit-paren';
import type { SeedItem, SeedProblem } from './types';

interface Level {
  /** Heading as printed, first line only. */
  label: string;
  code: string;
  n: number;
}

const LEVEL_NAME: Record<HeadingLevel, (n: number) => string> = {
  section: (n) => `${numberToChinese(n)}、`,
  sub: (n) => `(${numberToChinese(n)})`,
  point: (n) => `${n}.`,
};

/**
 * Turns blocks into items at the deepest numbering level present. A (一) paragraph becomes an
 * item unless １．２．… points follow it; a loose paragraph with its own unit parenthesis (the
 * unnumbered 建强城市大脑中枢 under 五) becomes an item numbered after the item before it (so
 * 五(三) is followed by 五(四)); any other loose text is a problem.
 */
export function buildItems(blocks: readonly Block[], problems: SeedProblem[]): SeedItem[] {
  const items: SeedItem[] = [];
  let section: Level | null = null;
  let sub: Level | null = null;
  let pendingSub: Block | null = null;
  let subCount = 0;
  let pointCount = 0;

  const emit = (block: Block, code: string, subsection: string): void => {
    items.push(toItem(block, code, items.length + 1, section?.label ?? '', subsection, problems));
  };
  const flushSub = (): void => {
    if (pendingSub && sub) emit(pendingSub, sub.code, '');
    pendingSub = null;
  };
  const checkSequence = (block: Block, expected: number): void => {
    const heading = block.heading;
    if (heading && heading.n !== expected) {
      const first = block.lines[0];
      problems.push({
        line: first?.line ?? 0,
        text: first?.text ?? '',
        reason: `编号不连续:此处应为“${LEVEL_NAME[heading.level](expected)}”`,
      });
    }
  };

  for (const block of blocks) {
    const heading = block.heading;
    if (heading?.level === 'section') {
      flushSub();
      checkSequence(block, (section?.n ?? 0) + 1);
      section = { label: headingOnly(block, problems), code: numberToChinese(heading.n), n: heading.n };
      sub = null;
      subCount = 0;
      pointCount = 0;
    } else if (heading?.level === 'sub') {
      flushSub();
      checkSequence(block, subCount + 1);
      subCount = heading.n;
      pointCount = 0;
      sub = { label: block.lines[0]?.text ?? '', code: subCode(section?.code ?? '', heading.n), n: heading.n };
      pendingSub = block;
    } else if (heading?.level === 'point') {
      if (pendingSub && sub) sub.label = headingOnly(pendingSub, problems);
      pendingSub = null;
      checkSequence(block, pointCount + 1);
      pointCount = heading.n;
      emit(block, `${sub?.code ?? section?.code ?? ''}${heading.n}`, sub?.label ?? '');
    } else {
      flushSub();
      const first = block.lines[0];
      if (!block.paren || block.paren.start === 0) {
        problems.push({ line: first?.line ?? 0, text: block.joined.text, reason: '无法归属的文字(不在任何编号条目内)' });
      } else if (pointCount > 0) {
        pointCount += 1;
        emit(block, `${sub?.code ?? section?.code ?? ''}${pointCount}`, sub?.label ?? '');
      } else {
        subCount += 1;
        sub = { label: '', code: subCode(section?.code ?? '', subCount), n: subCount };
        emit(block, sub.code, '');
      }
    }
  }
  flushSub();
  return items;
}

/**
 * A heading that has items under it is one line. Lines glued to it (its block ran on until the
 * next number) are reported rather than merged: they are either a wrapped heading or stray text,
 * and only a person can tell which.
 */
function headingOnly(block: Block, problems: SeedProblem[]): string {
  const [first, ...rest] = block.lines;
  if (block.paren) {
    problems.push({
      line: block.joined.lineAt(block.paren.start),
      text: block.joined.text.slice(block.paren.start, block.paren.end),
      reason: '标题带有单位括注,但其下还有分项;该括注未计入任何条目',
    });
  }
  if (rest.length > 0) {
    problems.push({
      line: rest[0]?.line ?? 0,
      text: rest.map((l) => l.text).join(''),
      reason: '标题之后有无法归属的文字(若是标题换行,请核对)',
    });
  }
  return first?.text ?? '';
}

function toItem(block: Block, code: string, order: number, section: string, subsection: string, problems: SeedProblem[]): SeedItem {
  const { text: joined, lineAt } = block.joined;
  const line = block.lines[0]?.line ?? 0;
  const paren = block.paren;
  const text = joined.slice(block.heading?.restOffset ?? 0, paren?.start ?? joined.length).trim();
  const end = firstSentenceEnd(text);
  const title = (end >= 0 ? text.slice(0, end) : text).trim();
  if (title === '') problems.push({ line, text: joined, reason: '条目没有标题文字' });
  else if (end < 0) problems.push({ line, text, reason: '未找到首句的句号,标题取了整段文字' });
  if (!paren) problems.push({ line, text: joined, reason: '未找到牵头单位/责任单位括注' });
  const units = paren ? parseUnitParen(joined, paren, lineAt) : { lead: [], responsible: [], problems: [] };
  problems.push(...units.problems);
  if (paren && units.lead.length === 0 && units.responsible.length === 0) {
    problems.push({ line: lineAt(paren.start), text: joined.slice(paren.start, paren.end), reason: '括注中没有可识别的单位' });
  }
  return {
    code,
    order,
    section,
    subsection,
    title,
    text,
    lead: units.lead,
    responsible: units.responsible,
    rawUnits: paren ? joined.slice(paren.start, paren.end) : '',
    line,
  };
}
