import { writeFileSync } from 'node:fs';
import { renderDocx } from './docx';
import { renderPdfDetailed } from './pdf';
import { SEED_BODY_EXCERPT, SEED_NOTICE } from './samples';

/**
 * Renders the seed notice 厦府办〔2022〕47号 for a visual check:
 *   npx tsx main/layout/render-sample.ts /tmp/sample            → /tmp/sample.pdf, /tmp/sample.docx
 *   npx tsx main/layout/render-sample.ts /tmp/sample-long long  → the notice with a work-points body
 */
const [out = '/tmp/sample', variant] = process.argv.slice(2);
const doc = variant === 'long' ? { ...SEED_NOTICE, body: [...SEED_NOTICE.body, ...SEED_BODY_EXCERPT] } : SEED_NOTICE;
const { pdf, pages, fonts } = await renderPdfDetailed(doc);
writeFileSync(`${out}.pdf`, pdf);
writeFileSync(`${out}.docx`, await renderDocx(doc));
console.log(JSON.stringify({ pdf: `${out}.pdf`, docx: `${out}.docx`, pages, fonts }, null, 1));
