import type { User } from '../core/sync/accounts';
import { MAX_FEED_LIMIT, type FeedEntry, type FeedPage } from '../core/sync/feed';
import type { AccessControl } from './auth/access';
import type { DocStore } from './persistence/types';

/**
 * Answers "what changed since S" for one user: records with a greater change sequence that the
 * user may see now, each as the logged updates and the events appended after S (or the whole
 * state and every event where the client may lack history), and the records the user has lost
 * since S. Names under which no record was created are never listed. See core/sync/feed.ts.
 */
export class FeedService {
  constructor(
    private readonly store: DocStore,
    private readonly access: AccessControl,
    private readonly maxPageBytes = 8 * 1024 * 1024,
  ) {}

  head(): Promise<number> {
    return this.store.head();
  }

  /** `continueFull`: the client is paging through a full listing and `since` is its cursor. */
  async page(user: User, origin: string, since: number, requestedLimit: number, continueFull = false): Promise<FeedPage> {
    const limit = Math.max(1, Math.min(MAX_FEED_LIMIT, requestedLimit || MAX_FEED_LIMIT));
    // Read head first: every change at or below it is in the rows read after it.
    const head = await this.store.head();
    const full = continueFull || since === 0 || user.aclSeq > since;
    const from = continueFull ? since : full ? 0 : since;
    const rows = await this.store.changes(from, limit + 1);
    const accounts = this.access.accounts;
    const entries: FeedEntry[] = [];
    let bytes = 0;
    let upTo = from;
    let more = rows.length > limit;
    for (const row of rows.slice(0, limit)) {
      if (bytes >= this.maxPageBytes) {
        more = true;
        break;
      }
      upTo = row.changeSeq;
      if (!row.exists || !accounts.accessForMeta(user, accounts.docMetaById(row.id))) continue;
      const mayLackHistory = full || row.aclSeq > since || row.createdSeq > since || row.prunedSeq > since;
      const needsState = full || row.aclSeq > since || row.prunedSeq > since;
      const updates = needsState ? await this.store.state(row.id) : await this.store.logSince(row.id, since, origin);
      // A client that may lack history gets every event; otherwise those appended after `since`.
      const stored = await this.store.eventsSince(row.id, mayLackHistory ? 0 : since);
      const events = stored.map((e) => ({ seq: e.seq, json: e.data }));
      if (updates.length === 0 && events.length === 0 && !mayLackHistory) continue;
      for (const u of updates) bytes += u.length;
      for (const e of events) bytes += e.json.length;
      entries.push({ id: row.id, name: mayLackHistory ? row.name : null, mode: needsState ? 'state' : 'log', updates, events });
    }
    if (!more) upTo = Math.max(upTo, head);
    const revoked: string[] = [];
    if (!full) {
      for (const id of accounts.revocationsSince(user.login, since)) {
        const meta = accounts.docMetaById(id);
        if (meta && !accounts.accessForMeta(user, meta)) revoked.push(meta.name);
      }
    }
    return { upTo, head, more, full, entries, revoked };
  }
}
