import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppDispatch } from '../main/app/handlers-index';
import { createSession } from '../main/app/session';
import { Store } from '../main/store/store';
import { channelClient } from './dispatch-client';
import { p95 } from './store';

const ROWS = 50;
const ROUNDS = 15;

/**
 * The 信访 list as the page asks for it, through the dispatcher and the JSON round trip, on a
 * profile of 50 registered cases (each with an SM2-wrapped key and signed events):
 * - list_request_p95_ms: the app's list (masked for everyone: what the 信访投诉 page shows);
 * - decrypted_list_request_p95_ms: the same 50 rows with names for the 信访 office (`reason`
 *   given, as the CLI's `--reason`), which writes one signed audit event per row first — the
 *   whole cost of a decrypted page, not only the decryption the `masked_page` figures time.
 * The first decrypted round opens the keys (SM2) and is left out of the p95 (printed apart).
 */
export async function petitionRequestFigures(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-petitions-'));
  const prevPki = process.env.OA_DEMO_PKI_DIR;
  process.env.OA_DEMO_PKI_DIR = dir;
  const store = Store.open({ dir });
  try {
    const session = createSession({ defaultLogin: 'xfj.chen' });
    const call = channelClient(createAppDispatch({ store, shell: 'web', session }));
    const must = async (channel: string, input: unknown) => {
      const r = await call(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    };
    for (let i = 0; i < ROWS; i++) {
      await must('petitions.register', { channel: '来访', category: '申诉求决类', persons: [{ name: `测试${i}号`, idNumber: `35020319900101${String(1000 + i)}`, phone: `1380000${String(1000 + i)}`, address: '厦门市思明区' }], matter: `第${i}号来访事项:小区外墙瓷砖脱落,物业拖延维修` });
    }
    const time = async (run: () => Promise<unknown>) => {
      const t0 = performance.now();
      await run();
      return performance.now() - t0;
    };
    const masked: number[] = [];
    const decrypted: number[] = [];
    let first = 0;
    for (let round = 0; round < ROUNDS; round++) {
      masked.push(await time(() => must('petitions.list', {})));
      const t = await time(() => must('petitions.list', { reason: '办理需要' }));
      if (round === 0) first = t;
      else decrypted.push(t);
    }
    return {
      list_request_p95_ms: p95(masked),
      decrypted_list_request_p95_ms: p95(decrypted),
      decrypted_list_first_ms: Math.round(first),
      list_request_path: `dispatcher + JSON round trip, ${ROWS} cases, ${ROUNDS} rounds; no HTTP, no React render`,
    };
  } finally {
    store.close();
    if (prevPki === undefined) delete process.env.OA_DEMO_PKI_DIR;
    else process.env.OA_DEMO_PKI_DIR = prevPki;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
