import type { z } from 'zod';
import type { SnippetSegment } from '../../../../core/ipc/search';

export type Segment = z.infer<typeof SnippetSegment>;
export interface SnippetPart {
  key: number;
  text: string;
  hit: boolean;
}

/**
 * Normalises a search snippet for display: line breaks become spaces, empty segments are
 * dropped and neighbours with the same highlighting are merged, so each hit is one <mark>.
 */
export function snippetParts(segments: readonly Segment[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const segment of segments) {
    const text = segment.text.replace(/\s*[\r\n]+\s*/g, ' ');
    if (text === '') continue;
    const last = parts[parts.length - 1];
    if (last && last.hit === segment.hit) last.text += text;
    else parts.push({ key: parts.length, text, hit: segment.hit });
  }
  return parts;
}
