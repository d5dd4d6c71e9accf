import { joinLines, type Joined, type SourceLine } from './lines';
import { matchHeading, type Heading } from './numbering';
import { findUnitParen, type UnitParen } from './unit-paren';

/**
 * A run of lines that belongs together: a numbered heading with its wrapped lines, or a
 * `loose` paragraph that follows a finished point without a number of its own.
 */
export interface Block {
  heading: Heading | null;
  lines: SourceLine[];
  joined: Joined;
  /** The trailing unit parenthesis, once the block has one. */
  paren: UnitParen | null;
}

function makeBlock(heading: Heading | null, lines: SourceLine[]): Block {
  const joined = joinLines(lines);
  return { heading, lines, joined, paren: findUnitParen(joined.text) };
}

/**
 * Splits the work points into blocks. A numbered line starts a block; any other line continues
 * the current one, unless that block already ended with its unit parenthesis: a point is over
 * once its (牵头单位…) closes, so what follows is a new, unnumbered paragraph.
 */
export function splitBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const heading = matchHeading(line.text);
    const current = blocks.at(-1);
    if (heading || !current || current.paren) {
      blocks.push(makeBlock(heading, [line]));
    } else {
      blocks[blocks.length - 1] = makeBlock(current.heading, [...current.lines, line]);
    }
  }
  return blocks;
}
