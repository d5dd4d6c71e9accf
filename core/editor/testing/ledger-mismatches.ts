import * as Y from 'yjs';
import { SUGGESTION_KEYS, ledgerOf, valueKey } from '../ledger-entry';
import { LedgerIndex, shownAll } from '../ledger-index';
import { scanText } from '../text-scan';

/**
 * For the seeded 修订 tests: the characters whose suggestion formatting differs from what the
 * doc's own ledger wants, as `client:clock key`. Between edits an editing replica has none.
 */
export function ledgerMismatches(doc: Y.Doc): string[] {
  const index = LedgerIndex.of(ledgerOf(doc));
  const out: string[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) walk(child);
      else if (child instanceof Y.XmlText)
        scanText(child, (id, _i, current) => {
          const all = shownAll(index, id);
          for (const k of SUGGESTION_KEYS) {
            const wanted = all[k];
            if (wanted !== undefined && valueKey(wanted) !== valueKey(current.get(k) ?? null)) out.push(`${id} ${k}`);
          }
        });
    }
  };
  walk(doc.getXmlFragment('body'));
  return out;
}
