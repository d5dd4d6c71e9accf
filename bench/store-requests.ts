import { createAppDispatch } from '../main/app/handlers-index';
import type { Store } from '../main/store/store';
import { channelClient } from './dispatch-client';

/**
 * The requests the 督查督办 list page makes when it opens (renderer/src/areas/supervision/ListPage.tsx:
 * `supervision.list` with the default list state's filter, and `supervision.facets`), then the same
 * list sorted by light and its page 200, each through the dispatcher as the renderer calls it.
 */

const SAMPLES = 50;
/** A day inside the bench data's deadlines (2022-06 … 2025-02), so every light colour occurs. */
const NOW = new Date('2023-03-15T09:00:00+08:00');

interface ListQueryModule {
  DEFAULT_LIST_QUERY: Record<string, unknown>;
  listQueryToFilter(lq: Record<string, unknown>): unknown;
}

/**
 * The filter the renderer sends for a list state, from the renderer's own code: loaded at run time
 * because the bench is compiled with main/, not with the renderer's TypeScript project.
 */
async function rendererFilter(patch: Record<string, unknown>): Promise<unknown> {
  const url = new URL('../renderer/src/areas/supervision/listQuery.ts', import.meta.url).href;
  const mod = (await import(url)) as ListQueryModule;
  return mod.listQueryToFilter({ ...mod.DEFAULT_LIST_QUERY, ...patch });
}

export interface UiRequestSamples {
  /** First call after reopening, in ms. */
  openFirstMs: number;
  /** Milliseconds per request, by figure name (the caller reports their p95). */
  samples: Record<'open_p95_ms' | 'open_list_p95_ms' | 'open_facets_p95_ms' | 'light_sort_p95_ms' | 'page200_p95_ms', number[]>;
  /** What each figure leaves out. */
  skipped: Record<string, string>;
  /** Requests that came back as errors (they are timed too; any is a broken bench). */
  failed: number;
}

export async function measureUiRequests(store: Store): Promise<UiRequestSamples> {
  const call = channelClient(createAppDispatch({ store, shell: 'web', now: () => NOW }));
  let failed = 0;
  const timed = async (samples: number[], channel: string, input: unknown): Promise<number> => {
    const started = performance.now();
    const result = await call(channel, input);
    const ms = performance.now() - started;
    samples.push(ms);
    if (!result.ok) failed++;
    return ms;
  };
  const onOpen = await rendererFilter({});
  const byLight = await rendererFilter({ sort: 'light' });
  const page200 = await rendererFilter({ page: 200 });

  const first: number[] = [];
  const firstMs = (await timed(first, 'supervision.list', onOpen)) + (await timed(first, 'supervision.facets', {}));
  const open: number[] = [];
  const list: number[] = [];
  const facets: number[] = [];
  const light: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    // The page issues both at once; the handlers are synchronous, so the page waits for their sum.
    open.push((await timed(list, 'supervision.list', onOpen)) + (await timed(facets, 'supervision.facets', {})));
    await timed(light, 'supervision.list', byLight);
    await timed(deep, 'supervision.list', page200);
  }
  const path = 'dispatcher (input schema, handler, output schema), JSON round trip, client output schema; no HTTP, no React render';
  return {
    openFirstMs: firstMs,
    samples: { open_p95_ms: open, open_list_p95_ms: list, open_facets_p95_ms: facets, light_sort_p95_ms: light, page200_p95_ms: deep },
    skipped: {
      open_first_ms: `the first list + facets after reopening (statements prepared here): ${path}`,
      open_p95_ms: `supervision.list (default filter and sort, 50 rows) + supervision.facets, in sequence: ${path}`,
      open_list_p95_ms: path,
      open_facets_p95_ms: path,
      light_sort_p95_ms: `supervision.list sorted by light, first page: ${path}`,
      page200_p95_ms: `supervision.list in document order, page 200 of 50 rows (offset 9,950): ${path}`,
    },
    failed,
  };
}
