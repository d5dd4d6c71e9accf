import type { Segment } from './snippet';
import { snippetParts } from './snippet';

/** A search snippet; hits are <mark>ed. Text only: no HTML crosses the IPC boundary. */
export function Snippet({ segments }: { segments: readonly Segment[] }) {
  return (
    <span className="xt-snippet">
      {snippetParts(segments).map((part) => (part.hit ? <mark key={part.key}>{part.text}</mark> : <span key={part.key}>{part.text}</span>))}
    </span>
  );
}
