import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EditorState } from '@tiptap/pm/state';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { editorSchema } from '../core/editor/extensions';
import { encodeEntry, ledgerOf } from '../core/editor/ledger-entry';
import { attachSuggestionLedger } from '../core/editor/suggestion-ledger';
import { HeadlessEditor } from '../core/editor/headless';
import { bodyBlocks, cleanText, pendingSuggestions } from '../core/records/body-blocks';
import { compareSteps } from '../core/records/body-compare';
import { captureBody } from '../core/records/body-snapshot';
import { makeSuggestionId } from '../core/records/suggestion-id';
import { BlobStore } from '../main/blobs/blob-store';
import { readSnapshotState, storeBodySnapshot } from '../main/editor/body-snapshots';
import { createSignedRecords } from './sync-records';
import { startOurs } from './sync-servers';

/**
 * `npm run bench -- editor`: the 正文 editor (issue 12), one JSON line.
 * - open_50p_ms: a 50-page body (22 lines × 28 characters a page) with 5,000 pending 修订, from
 *   its stored Yjs state to an editable ProseMirror state through the editor's binding (decode,
 *   y-tiptap conversion, EditorState, the 修订 ledger's index and check) — what the renderer does
 *   before the first paint;
 *   reference: decoding the same state into a Y.Doc only;
 * - keystroke_remote_p95_ms: 20 co-editors (Node replicas with real Y.Docs and the same binding
 *   code) on our sync server; one types, p95 of keystroke → applied on each other replica;
 * - snapshot_diff_ms: the 花脸稿 between two steps of that body (a reviewer's 300 修订 apart), by
 *   the editor.compare path: both steps' states read from the blob store, then compared;
 *   snapshot_store_ms: what a workflow step adds to record its snapshot (state, 清稿 hash, blob);
 * - body_bytes: the stored state of that body with its history and 修订 ledger (ledger_bytes of it),
 *   beside its plain text size.
 */
const PAGES = 50;
const LINE_CHARS = 28;
const LINES = 22;
const SUGGESTIONS = 5000;
const TEXT = '为深入贯彻落实党中央国务院关于数字政府建设的决策部署各单位要加强统筹协调压实工作责任确保各项任务按期完成';

export function bigBody(withLedger = true): Y.Doc {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  const paragraphs = (PAGES * LINES) / 3; // three lines a paragraph
  const perParagraph = Math.ceil(SUGGESTIONS / paragraphs);
  let made = 0;
  const ledger = withLedger ? ledgerOf(doc) : new Y.Map<unknown>();
  doc.transact(() => {
    ledger.set(`known:${doc.clientID}`, encodeEntry({ k: 'known', c: doc.clientID, since: 0 }));
    for (let p = 0; p < paragraphs; p++) {
      const el = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      el.insert(0, [text]);
      body.insert(body.length, [el]);
      const chars = Array.from({ length: LINE_CHARS * 3 }, (_, i) => TEXT[(p * 7 + i) % TEXT.length]).join('');
      const first = Y.getState(doc.store, doc.clientID);
      text.insert(0, chars);
      // From the end back, so an insertion never shifts the place of one still to make.
      for (let k = perParagraph - 1; k >= 0; k--) {
        if (made >= SUGGESTIONS) break;
        made++;
        const at = 4 + k * 6;
        const id = makeSuggestionId({ login: `u${made % 7}`, name: `审核人${made % 7}` }, Date.UTC(2024, 4, 1) + made);
        // Each 修订 with its ledger entry, as the editor records it (core/editor/suggestion-ledger.ts);
        // the struck characters are the paragraph's original ones (nothing was inserted before them yet).
        if (k % 2 === 0) {
          text.format(at, 2, { deletion: { id } });
          ledger.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, encodeEntry({ k: 'deletion', v: { id }, u: [], r: [doc.clientID, first + at, 2] }));
        } else {
          const clock = Y.getState(doc.store, doc.clientID);
          // Plain first (no formatting markers take clocks before it), then marked.
          text.insert(at, '修订', {});
          text.format(at, 2, { insertion: { id } });
          ledger.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, encodeEntry({ k: 'insertion', v: { id }, u: [], r: [doc.clientID, clock, 2] }));
        }
      }
    }
  });
  return doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measureOpen(state: Uint8Array): { open: number; decodeOnly: number } {
  const open: number[] = [];
  const decode: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const d0 = new Y.Doc();
    Y.applyUpdate(d0, state);
    decode.push(performance.now() - t);
    t = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const init = initProseMirrorDoc(doc.getXmlFragment('body'), editorSchema());
    EditorState.create({ schema: editorSchema(), doc: init.doc });
    // An editor's replica keeps the 修订 ledger: its index is built and the body checked at open.
    const detach = attachSuggestionLedger(doc);
    open.push(performance.now() - t);
    if (Y.encodeStateVector(doc).length !== Y.encodeStateVector(d0).length) throw new Error('opening the body changed it');
    detach();
  }
  return { open: median(open), decodeOnly: median(decode) };
}

async function measureKeystrokes(coEditors: number, keystrokes: number): Promise<{ p50: number; p95: number; samples: number }> {
  const server = await startOurs();
  // The record exists first (its signed 立项), as every record written to through the server must.
  await createSignedRecords(server, ['bench-editor-body']);
  const clients: Array<{ doc: Y.Doc; provider: WebsocketProvider; editor: HeadlessEditor }> = [];
  const latencies: number[] = [];
  try {
    for (let i = 0; i < coEditors; i++) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(server.wsUrl, 'bench-editor-body', doc, {
        params: server.params,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
      clients.push({ doc, provider, editor: new HeadlessEditor(doc, { author: { login: `u${i}`, name: `编辑${i}` }, suggest: i % 2 === 1 }) });
    }
    const writer = clients[0]!;
    writer.editor.edit((tr, state) => tr.insert(0, state.schema.node('paragraph', null, state.schema.text('开始'))));
    await new Promise((r) => setTimeout(r, 500));
    for (let k = 0; k < keystrokes; k++) {
      let pending = coEditors - 1;
      const sentAt = performance.now();
      const done = new Promise<void>((resolve) => {
        for (const c of clients.slice(1)) {
          const on = (_u: Uint8Array, origin: unknown) => {
            if (origin !== c.provider) return;
            c.doc.off('update', on);
            // Remote apply includes the binding: the replica's ProseMirror state is re-read.
            c.editor.current();
            latencies.push(performance.now() - sentAt);
            if (--pending === 0) resolve();
          };
          c.doc.on('update', on);
        }
      });
      writer.editor.edit((tr, state) => tr.insertText('字', state.doc.content.size - 1));
      await done;
    }
  } finally {
    for (const c of clients) c.provider.destroy();
    await server.stop();
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! * 10) / 10;
  return { p50: pct(50), p95: pct(95), samples: latencies.length };
}

export async function runEditorBench(): Promise<Record<string, unknown>> {
  const doc = bigBody();
  const state = Y.encodeStateAsUpdate(doc);
  // The same body as a replica without the ledger would have stored it: what the ledger costs.
  const ledgerBytes = state.length - Y.encodeStateAsUpdate(bigBody(false)).length;
  const textBytes = Buffer.byteLength(cleanText(bodyBlocks(doc)));
  const opened = measureOpen(state);
  let snapshots = { diff: 0, store: 0, bytes: 0 };

  // Two steps: the body as drafted, then a reviewer's 300 修订 on a replica of it, each stored
  // as a workflow step stores it (a blob in a profile's blob store).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-editor-'));
  const blobs = BlobStore.open({ dir });
  try {
    let t = performance.now();
    const drafted = await storeBodySnapshot(blobs, captureBody(doc));
    const storeMs = performance.now() - t;
    const reviewer = new HeadlessEditor(doc, { author: { login: 'li', name: '李四' }, suggest: true });
    for (let i = 0; i < 300; i++) {
      reviewer.edit((tr, st) => {
        const at = 3 + ((i * 997) % (st.doc.content.size - 10));
        const $at = st.doc.resolve(at);
        if ($at.parent.isTextblock) tr.insertText('改', at);
      });
    }
    const reviewed = await storeBodySnapshot(blobs, captureBody(doc));
    const diffTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const from = await readSnapshotState(blobs, drafted);
      const to = await readSnapshotState(blobs, reviewed);
      compareSteps({ state: from }, { state: to, actor: { login: 'li', name: '李四' } });
      diffTimes.push(performance.now() - t);
    }
    snapshots = { diff: median(diffTimes), store: storeMs, bytes: reviewed.state.size };
  } finally {
    blobs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const keys = await measureKeystrokes(20, 60);
  return {
    area: 'editor',
    pages: PAGES,
    suggestions: pendingSuggestions(bodyBlocks(doc)).length,
    open_50p_ms: Math.round(opened.open),
    open_reference_decode_ms: Math.round(opened.decodeOnly),
    keystroke_remote_p95_ms: keys.p95,
    keystroke_remote_p50_ms: keys.p50,
    keystroke_samples: keys.samples,
    co_editors: 20,
    snapshot_diff_ms: Math.round(snapshots.diff),
    snapshot_store_ms: Math.round(snapshots.store),
    body_bytes: state.length,
    ledger_bytes: ledgerBytes,
    body_bytes_after_review: snapshots.bytes,
    body_text_bytes: textBytes,
    gc: 'on (history for the 花脸稿 comes from the step snapshots)',
  };
}
