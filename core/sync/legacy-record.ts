import * as Y from 'yjs';
import { parseEventJson } from './event-json';

/**
 * What a record stored before protocol v2 holds in its Y.Doc that now lives outside it: its kind
 * (`fields.kind`) and its workflow events (the `events` Y.Array, in array order). Used once, by
 * the schema 2 migration (migration-2.ts). The Y.Doc itself is left as it is: nothing is deleted.
 */
export interface LegacyRecord {
  /** `fields.kind`, or '' when the record never had one. */
  kind: string;
  /** The entries that are well-formed events, in array order, as canonical text (event-json.ts). */
  events: { id: string; text: string }[];
  /** Entries that are not events, or repeat an id already taken (left in the Y.Doc only). */
  skipped: number;
}

/** Reads a record from its stored parts (snapshot, then updates); parts that do not apply are skipped. */
export function readLegacyRecord(parts: readonly Uint8Array[]): LegacyRecord {
  const doc = new Y.Doc({ gc: true });
  try {
    for (const part of parts) {
      try {
        Y.applyUpdate(doc, part);
      } catch {
        // The server skips such an update when loading too; it holds nothing we could read.
      }
    }
    const kind = doc.getMap('fields').get('kind');
    const events: LegacyRecord['events'] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const raw of doc.getArray('events').toArray()) {
      const parsed = parseEventJson(JSON.stringify(raw instanceof Y.AbstractType ? raw.toJSON() : (raw ?? null)));
      if (!parsed.ok || seen.has(parsed.event.id)) {
        skipped++;
        continue;
      }
      seen.add(parsed.event.id);
      events.push({ id: parsed.event.id, text: parsed.text });
    }
    return { kind: typeof kind === 'string' ? kind.slice(0, 40) : '', events, skipped };
  } finally {
    doc.destroy();
  }
}
