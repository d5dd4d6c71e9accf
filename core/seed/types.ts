import type { DirectoryUnit } from '../directory/units';

/** One supervisable point of the 工作要点, at the deepest numbering level the document uses. */
export interface SeedItem {
  /** The point's number, halfwidth: 一(一)1, 三(二); an unnumbered paragraph gets the next free number (五(四)). */
  code: string;
  /** 1-based document order. */
  order: number;
  /** 一、打造协同高效的数字政府 */
  section: string;
  /** (一)推进政务服务“一网通办”, or '' when the item is itself a (一)-level paragraph. */
  subsection: string;
  /** The lead sentence, up to the first full stop. */
  title: string;
  /** The point as printed (numbering and unit parenthesis removed), unwrapped, characters untouched. */
  text: string;
  /** 牵头单位, canonical names, in order, deduplicated. */
  lead: string[];
  /** 责任单位, canonical names, in order, deduplicated; 各区 expanded to the six districts. */
  responsible: string[];
  /** The unit parenthesis as printed, brackets included, unwrapped. */
  rawUnits: string;
  /** 1-based line of the point's first line in the source file. */
  line: number;
}

export interface SeedDocument {
  /** 发文机关, from the masthead (…文件) or else the signature. */
  issuer: string;
  /** 发文字号 with halfwidth digits and the printed 〔〕: 厦府办〔2022〕47号 */
  docNumber: string;
  /** Title with halfwidth digits. */
  title: string;
  /** 成文日期, YYYY-MM-DD; null when the document has none. */
  writtenDate: string | null;
  /** 印发日期 from the 版记, YYYY-MM-DD; null when the document has none. */
  issuedDate: string | null;
  mainRecipients: string[];
  ccRecipients: string[];
  /** The 版记 line 有关单位:… that spells out 主送 各有关单位. */
  relatedUnits: string[];
  /** 公开属性 as printed in (此件…): 主动公开 */
  publicity: string;
  /** The whole text, one unwrapped paragraph per line, page-number lines removed, characters untouched. */
  body: string;
}

/** Text the parser could not place or read. `line` is 1-based; 0 means the whole input. */
export interface SeedProblem {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedSeed {
  document: SeedDocument;
  items: SeedItem[];
  units: DirectoryUnit[];
  problems: SeedProblem[];
}
