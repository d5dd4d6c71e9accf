import * as Y from 'yjs';

/**
 * The deletions a loaded document holds, per Yjs client, as sorted and merged ranges (flat
 * [start, end, start, end, …]). Built once from the document (O(document)) when first needed;
 * after that each committed deletion is added in O(log ranges) plus a splice, and a lookup is a
 * binary search — never a copy or re-encoding of the document per update.
 */
export class DeleteIndex {
  private readonly byClient = new Map<number, number[]>();

  static fromDoc(doc: Y.Doc): DeleteIndex {
    const index = new DeleteIndex();
    for (const [client, items] of Y.createDeleteSetFromStructStore(doc.store).clients) {
      for (const item of items) index.add(client, item.clock, item.len);
    }
    return index;
  }

  /** Whether every id in [clock, clock + len) is deleted. */
  covers(client: number, clock: number, len: number): boolean {
    const r = this.byClient.get(client);
    if (!r || len <= 0) return len <= 0;
    const i = this.firstEndingAfter(r, clock);
    return i < r.length && r[i]! <= clock && r[i + 1]! >= clock + len;
  }

  add(client: number, clock: number, len: number): void {
    if (len <= 0) return;
    let r = this.byClient.get(client);
    if (!r) this.byClient.set(client, (r = []));
    let start = clock;
    let end = clock + len;
    // Ranges that end at or after `start` and begin at or before `end` touch the new one: merge them.
    const from = this.firstEndingAfter(r, start - 1);
    let to = from;
    while (to < r.length && r[to]! <= end) {
      start = Math.min(start, r[to]!);
      end = Math.max(end, r[to + 1]!);
      to += 2;
    }
    r.splice(from, to - from, start, end);
  }

  /** Index (even) of the first range whose end is > clock, or r.length. */
  private firstEndingAfter(r: number[], clock: number): number {
    let lo = 0;
    let hi = r.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid * 2 + 1]! > clock) hi = mid;
      else lo = mid + 1;
    }
    return lo * 2;
  }
}
