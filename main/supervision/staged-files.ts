/**
 * Attachment bytes chosen in a 进展反馈 / 办结申请 dialog but not yet reported. They stay in this
 * process's memory until the report that references them is written (act() then puts them into
 * the record's `files` in the same change as the event), so a removed file or a cancelled dialog
 * never reaches the record, the sync server or the 12 MB per-record total. Unused files expire
 * after `ttlMs` and the whole stage is bounded by `maxBytes` (oldest first out). What happened to
 * a file that is gone is remembered for a while, so the report can say why it must be re-uploaded.
 */
const MiB = 1024 * 1024;
export const DEFAULT_STAGED_TTL_MS = 2 * 60 * 60 * 1000;
export const DEFAULT_STAGED_MAX_BYTES = 64 * MiB;
/** How many "why is it gone" notes are kept (a few dozen bytes each). */
const MAX_NOTES = 1000;

export interface StagedFile {
  name: string;
  mime: string;
  size: number;
  data: Uint8Array;
}

/**
 * Why staged bytes are no longer here: expired (ttl), evicted (memory bound), or discarded
 * (the same user reported on the record without them: a file removed from the dialog).
 */
export type StagedLoss = 'expired' | 'evicted' | 'discarded';

interface Entry {
  recordId: string;
  sm3: string;
  file: StagedFile;
  /** Logins that staged these bytes for the record (the same bytes can be chosen by two people). */
  owners: Set<string>;
  stagedAt: number;
}

export interface StagedFilesOptions {
  /** Milliseconds; the app passes its clock, tests a fake one. */
  now?: () => number;
  ttlMs?: number;
  maxBytes?: number;
}

const keyOf = (recordId: string, sm3: string) => `${recordId}\n${sm3}`;

export class StagedFiles {
  readonly ttlMs: number;
  readonly maxBytes: number;
  private readonly now: () => number;
  /** Insertion order is staging order: a re-stage moves the entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly losses = new Map<string, StagedLoss>();
  private total = 0;

  constructor(opts: StagedFilesOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.ttlMs = opts.ttlMs ?? DEFAULT_STAGED_TTL_MS;
    this.maxBytes = opts.maxBytes ?? DEFAULT_STAGED_MAX_BYTES;
  }

  /** Stages (or refreshes) the bytes of `sm3` for `recordId` on behalf of `owner`. */
  put(recordId: string, sm3: string, file: StagedFile, owner: string): void {
    this.expire();
    const key = keyOf(recordId, sm3);
    const existing = this.entries.get(key);
    this.losses.delete(key);
    if (existing) {
      this.entries.delete(key);
      existing.owners.add(owner);
      existing.stagedAt = this.now();
      this.entries.set(key, existing);
      return;
    }
    for (const [k, e] of this.entries) {
      if (this.total + file.size <= this.maxBytes) break;
      this.drop(k, e, 'evicted');
    }
    this.entries.set(key, { recordId, sm3, file, owners: new Set([owner]), stagedAt: this.now() });
    this.total += file.size;
  }

  get(recordId: string, sm3: string): StagedFile | null {
    this.expire();
    return this.entries.get(keyOf(recordId, sm3))?.file ?? null;
  }

  /** Why the bytes of `sm3` are no longer staged for `recordId`, if they ever were (and it is still known). */
  lossOf(recordId: string, sm3: string): StagedLoss | null {
    this.expire();
    return this.losses.get(keyOf(recordId, sm3)) ?? null;
  }

  /** The files staged for a record, by anyone. */
  stagedFor(recordId: string): Array<{ sm3: string; size: number }> {
    this.expire();
    const out: Array<{ sm3: string; size: number }> = [];
    for (const e of this.entries.values()) if (e.recordId === recordId) out.push({ sm3: e.sm3, size: e.file.size });
    return out;
  }

  /** The bytes are now in the record: no longer staged (and nothing to explain). */
  written(recordId: string, sm3: string): void {
    const key = keyOf(recordId, sm3);
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.file.size;
  }

  /**
   * `owner` has reported on the record: files they staged and did not use were removed from the
   * dialog, so they stop counting against the record. Files someone else also staged stay.
   */
  discardUnused(recordId: string, owner: string): void {
    for (const [k, e] of this.entries) {
      if (e.recordId !== recordId || !e.owners.delete(owner)) continue;
      if (e.owners.size === 0) this.drop(k, e, 'discarded');
    }
  }

  get totalBytes(): number {
    this.expire();
    return this.total;
  }

  private expire(): void {
    const limit = this.now() - this.ttlMs;
    for (const [k, e] of this.entries) if (e.stagedAt <= limit) this.drop(k, e, 'expired');
  }

  private drop(key: string, e: Entry, why: StagedLoss): void {
    this.entries.delete(key);
    this.total -= e.file.size;
    this.losses.set(key, why);
    if (this.losses.size > MAX_NOTES) this.losses.delete(this.losses.keys().next().value as string);
  }
}
