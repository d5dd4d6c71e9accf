import { docsIntakeFigures } from './docs-intake';

/**
 * `npm run bench -- docs`: one JSON line for 公文. This branch measures the 归档/intake figures
 * (bench/docs-intake.ts); docs_list_p95_ms and number_alloc_p95_ms belong to the 公文 workflow
 * (branch docs) and are null until it lands — the merge joins the two modules on this line.
 */
export async function runDocsBench(): Promise<Record<string, unknown>> {
  return { bench: 'docs', docs_list_p95_ms: null, number_alloc_p95_ms: null, ...(await docsIntakeFigures()), note: 'docs_list_p95_ms and number_alloc_p95_ms: measured by the 公文 workflow bench (branch docs)' };
}
