import * as Y from 'yjs';
import { charId } from './ledger-entry';

/**
 * Each live character (or inline embed) of a text with its index and the formatting in force
 * there; with `visible`, as of another view (the text before a transaction).
 */
export function scanText(text: Y.XmlText, visit: (id: string, index: number, current: Map<string, unknown>) => void, visible: (item: Y.Item) => boolean = (item) => !item.deleted): void {
  scanChars(text, (client, clock, index, current) => visit(charId(client, clock), index, current), visible);
}

/** scanText without making each character's id string (for a whole body). */
export function scanChars(text: Y.XmlText, visit: (client: number, clock: number, index: number, current: Map<string, unknown>) => void, visible: (item: Y.Item) => boolean = (item) => !item.deleted): void {
  const current = new Map<string, unknown>();
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (!visible(item)) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) current.delete(content.key);
      else current.set(content.key, content.value);
    } else if (item.countable) {
      for (let i = 0; i < item.length; i++) visit(item.id.client, item.id.clock + i, index + i, current);
      index += item.length;
    }
  }
}

/** The live text a character lies in, or null (not here yet, deleted, or not text). */
export function textOfChar(doc: Y.Doc, client: number, clock: number): Y.XmlText | null {
  const structs = doc.store.clients.get(client);
  if (!structs || Y.getState(doc.store, client) <= clock) return null;
  const s = structs[Y.findIndexSS(structs, clock)];
  return s instanceof Y.Item && !s.deleted && s.parent instanceof Y.XmlText ? s.parent : null;
}
