import * as Y from 'yjs';
import { z } from 'zod';

/**
 * Every record is one Y.Doc with the same parts:
 * - `fields`: a Y.Map of plain values (last writer by Yjs client id wins on conflict);
 * - `body`: a Y.XmlFragment of paragraphs (rich text, co-edited);
 * - `events`: an append-only Y.Array of workflow events. Status is derived from it, never stored;
 *   the sync server refuses updates that delete entries (append-only.ts);
 * - `files`: before blobs, a Y.Map of attached files' bytes keyed by their SM3; now empty. Files
 *   are blobs outside the Y.Doc (main/blobs), and old entries are moved there once
 *   (core/blobs/legacy-files.ts); events refer to files as `{name, sm3, size, mime}`.
 */
export const RecordKind = z.enum(['supervision', 'incoming', 'document']);
export type RecordKind = z.infer<typeof RecordKind>;

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
  const lines: string[] = [];
  for (const node of bodyOf(doc).toArray()) {
    if (node instanceof Y.XmlElement || node instanceof Y.XmlText) {
      lines.push(xmlNodeText(node));
    }
  }
  return lines.join('\n');
}

function xmlNodeText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    const delta = node.toDelta() as Array<{ insert?: unknown }>;
    return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? xmlNodeText(child) : ''))
    .join('');
}

/** Replaces the body with one paragraph per line. Callers run it inside a transaction. */
export function setBodyText(doc: Y.Doc, text: string): void {
  const body = bodyOf(doc);
  if (bodyText(doc) === text) return;
  body.delete(0, body.length);
  const paragraphs = text.split('\n').map((line) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(line)]);
    return p;
  });
  body.insert(0, paragraphs);
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
