import { Store } from '../../main/store/store';
import { hasEventApi } from '../../main/sync/store-storage';

/**
 * Whether the app's store keeps workflow events outside the Y.Doc (the record kernel's
 * `record_events` and its event API). Since protocol v2 the sync server takes a record's Yjs
 * updates only after its `create` event, which only such a store sends; tests that sync the app's
 * own store run once it has them (the merge of the record kernel), and say why they wait until then.
 */
export const storeSyncsEvents = hasEventApi(Store.prototype);
export const WAITS_FOR_STORE_EVENTS = 'skipped: the app store has no event API yet (records sync only with their create event; branch kernel adds it)';
