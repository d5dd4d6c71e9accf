import type * as Y from 'yjs';
import { z } from 'zod';
import { applyBodyText, bodyParagraphs } from './body-diff';

/**
 * Every record is one Y.Doc with the same parts:
 * - `fields`: a Y.Map of plain values (last writer by Yjs client id wins on conflict);
 * - `body`: a Y.XmlFragment of paragraphs (rich text, co-edited);
 * - `events`: before the kernel, the append-only Y.Array of workflow events. Events now live
 *   outside the Y.Doc (core/kernel/README.md); the array is left as it was (migration 7 of the
 *   store copied it into the event log) and nothing reads it any more;
 * - `files`: before blobs, a Y.Map of attached files' bytes keyed by their SM3; now empty. Files
 *   are blobs outside the Y.Doc (main/blobs), and old entries are moved there once
 *   (core/blobs/legacy-files.ts); events refer to files as `{name, sm3, size, mime}`.
 */
/**
 * A record kind: the `kind` of an area (core/kernel/area.ts) — supervision, incoming, document …
 * Generic code accepts any well-formed kind and asks the registry whether it knows it.
 */
export const RecordKind = z.string().regex(/^[a-z][a-z0-9_]*$/).max(40);
export type RecordKind = string;

export const WorkflowEvent = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  actor: z.string(),
  at: z.string(),
  /** Id of the last event the actor had seen; concurrent transitions are detected with it. */
  basis: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type WorkflowEvent = z.infer<typeof WorkflowEvent>;

export const fieldsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('fields');
export const bodyOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment('body');
export const eventsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('events');
/** Values are `unknown` until checked (another replica wrote them): see core/blobs/legacy-files.ts. */
export const filesOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('files');

export function recordKindOf(doc: Y.Doc): RecordKind | null {
  const parsed = RecordKind.safeParse(fieldsOf(doc).get('kind'));
  return parsed.success ? parsed.data : null;
}

/** Body as plain text: one line per paragraph. */
export function bodyText(doc: Y.Doc): string {
  return bodyParagraphs(bodyOf(doc))
    .map((p) => p.text)
    .join('\n');
}

/**
 * Makes the body read `text`, one paragraph per line, changing only what changed (body-diff.ts),
 * so concurrent edits of one body merge instead of duplicating it. Callers run it inside a transaction.
 */
export function setBodyText(doc: Y.Doc, text: string): void {
  applyBodyText(bodyOf(doc), text);
}

/** Events that pass the schema, in log order; malformed entries are reported, not dropped silently. */
export function readEvents(doc: Y.Doc): { events: WorkflowEvent[]; malformed: number[] } {
  const events: WorkflowEvent[] = [];
  const malformed: number[] = [];
  eventsOf(doc)
    .toArray()
    .forEach((raw, index) => {
      const parsed = WorkflowEvent.safeParse(raw);
      if (parsed.success) events.push(parsed.data);
      else malformed.push(index);
    });
  return { events, malformed };
}

export function appendEvent(doc: Y.Doc, event: WorkflowEvent): void {
  eventsOf(doc).push([WorkflowEvent.parse(event)]);
}
