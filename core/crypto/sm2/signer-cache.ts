import { buildComb, SIGNER_TABLE_WIDTH, type CombTable } from './comb';
import type { Sm2PublicPoint } from './keys';

/**
 * Per-signer precomputation for verifying known signers (colleagues whose events and
 * documents are verified over and over). A table costs about as much as ten plain
 * verifications, so it is built on a key's third use and kept in a small LRU.
 */
export class SignerTableCache {
  private readonly tables = new Map<string, CombTable>();
  private readonly uses = new Map<string, number>();

  constructor(
    private readonly capacity = 64,
    private readonly buildAfterUses = 3,
  ) {}

  /** The table for this key if cached (or now worth building), else undefined. */
  get(pub: Sm2PublicPoint, force = false): CombTable | undefined {
    const id = pub.x.toString(16) + ':' + pub.y.toString(16);
    const hit = this.tables.get(id);
    if (hit) {
      this.tables.delete(id); // re-insert: Map order is the LRU order
      this.tables.set(id, hit);
      return hit;
    }
    const n = (this.uses.get(id) ?? 0) + 1;
    if (!force && n < this.buildAfterUses) {
      if (this.uses.size > this.capacity * 16) this.uses.clear();
      this.uses.set(id, n);
      return undefined;
    }
    this.uses.delete(id);
    const table = buildComb(pub.x, pub.y, SIGNER_TABLE_WIDTH);
    this.tables.set(id, table);
    if (this.tables.size > this.capacity) this.tables.delete(this.tables.keys().next().value!);
    return table;
  }

  clear(): void {
    this.tables.clear();
    this.uses.clear();
  }
}
