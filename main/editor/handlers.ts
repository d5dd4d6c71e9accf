import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { documentFieldsOf } from '../../core/documents/projection';
import { HeadlessEditor } from '../../core/editor/headless';
import { editorSchema } from '../../core/editor/extensions';
import { fromBase64, toBase64 } from '../../core/crypto/bytes';
import type { Handlers } from '../../core/ipc/dispatch';
import type { BodyMode, BodyStep } from '../../core/ipc/editor';
import type { Actor } from '../../core/kernel/actor';
import { EDIT } from '../../core/kernel/event';
import { authorColor, editAs, noteAuthors } from '../../core/records/body-authors';
import { bodyBlocks, cleanText } from '../../core/records/body-blocks';
import { compareSteps } from '../../core/records/body-compare';
import { BodySnapshot, snapshotDoc } from '../../core/records/body-snapshot';
import { verifyRecordEvent } from '../../core/kernel/signature';
import type { RecordEvent } from '../../core/kernel/event';
import { listVersions, saveVersion } from '../../core/records/body-versions';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { officialDocument } from '../documents/official';
import { areaOf } from '../kernel/act';
import type { AreaContext } from '../kernel/module';
import { renderBodyDocx } from '../layout/body-docx';
import { readDocxBody } from '../layout/docx-import';
import { renderPdfDetailed } from '../layout/pdf';
import { checkSnapshot, readSnapshotState } from './body-snapshots';
import type { EditorHub } from './hub';

/** The action an area's can() is asked for accepting or rejecting 修订 (core/ipc/editor.ts). */
export const BODY_ACCEPT = 'body.accept';

/**
 * Who may do what with the body. An area whose state carries `bodyMode` ('free' | 'suggest':
 * 发文, set by its workflow) governs the body: its can('body.accept') decides who accepts, and
 * 'suggest' forces 修订 for everyone. Any other record with a body (督办 items): its editors edit
 * freely and accept.
 */
function access(ctx: AreaContext, id: string, actor: Actor): { canEdit: boolean; canAccept: boolean; bodyMode: BodyMode } {
  const area = areaOf(ctx.store, ctx.store.registry, id);
  const state = ctx.store.reduced<unknown>(id).state;
  const canEdit = area.can(actor, { type: EDIT }, state) === null;
  const mode = (state as { bodyMode?: unknown } | null)?.bodyMode;
  if (mode === 'free' || mode === 'suggest') return { canEdit, canAccept: area.can(actor, { type: BODY_ACCEPT }, state) === null, bodyMode: mode };
  return { canEdit, canAccept: canEdit, bodyMode: 'free' };
}

const decodeUpdate = (b64: string): Uint8Array => {
  const bytes = fromBase64(b64);
  try {
    // Decoding checks the structure without touching the record.
    Y.decodeUpdate(bytes);
  } catch {
    throw new AppError('BAD_INPUT', '编辑内容格式有误,已忽略(本地草稿仍保留)');
  }
  return bytes;
};

/** The events that recorded the body (payload.bodySnapshot), oldest first. */
function bodySteps(ctx: AreaContext, id: string): Array<BodyStep & { snapshot: BodySnapshot; event: RecordEvent }> {
  const area = areaOf(ctx.store, ctx.store.registry, id);
  return ctx.store.events(id).flatMap((s) => {
    if (s.status === 'rejected') return [];
    const snap = BodySnapshot.safeParse((s.event.payload as { bodySnapshot?: unknown } | null)?.bodySnapshot);
    if (!snap.success) return [];
    const by = s.event.by ?? { login: s.event.actor, name: s.event.actor };
    return [{ eventId: s.event.id, label: area.events[s.event.type]?.label ?? s.event.type, actor: { login: by.login, name: by.name }, at: s.event.at, sm3: snap.data.sm3, snapshot: snap.data, event: s.event }];
  });
}

function findStep<T extends { eventId: string }>(steps: T[], eventId: string): T {
  const s = steps.find((x) => x.eventId === eventId);
  if (!s) throw new AppError('NOT_FOUND', '找不到该步骤的正文快照');
  return s;
}

export function editorHandlers(ctx: AreaContext, hub: EditorHub): Handlers['editor'] {
  const author = () => {
    const a = ctx.actor();
    return { login: a.login, name: a.name };
  };
  const requireEdit = (id: string) => {
    if (!access(ctx, id, ctx.actor()).canEdit) throw new AppError('FORBIDDEN', '您没有修改此正文的权限');
  };
  /** Replaces the body by `doc` (a ProseMirror JSON document) as one edit of the current identity. */
  const replaceBody = (id: string, json: unknown) => {
    ctx.store.change(id, (doc) =>
      editAs(doc, author(), (scratch) => {
        const editor = new HeadlessEditor(scratch, { author: author(), origin: 'editor-import' });
        editor.edit((tr, state) => tr.replaceWith(0, state.doc.content.size, editorSchema().nodeFromJSON(json).content));
        editor.destroy();
      }),
    );
  };
  const blobStore = () => {
    if (!ctx.blobs) throw new AppError('INTERNAL', '本机附件库不可用,无法读取正文快照');
    return ctx.blobs.store;
  };
  const versionsOut = (id: string) => listVersions(ctx.store.getDoc(id)).map(({ state: _s, ...v }) => v);
  return {
    open: ({ id, viewer, sv }) => {
      const doc = ctx.store.getDoc(id);
      const rights = access(ctx, id, ctx.actor());
      hub.open(id, viewer);
      const user = author();
      return {
        update: toBase64(Y.encodeStateAsUpdate(doc, fromBase64(sv))),
        sv: toBase64(Y.encodeStateVector(doc)),
        ...rights,
        user: { ...user, color: authorColor(user.login) },
      };
    },
    push: ({ id, update }) => {
      const bytes = decodeUpdate(update);
      requireEdit(id);
      ctx.store.change(id, (doc) => {
        Y.applyUpdate(doc, bytes, 'editor');
        noteAuthors(doc, bytes, author());
      });
      return { sv: toBase64(Y.encodeStateVector(ctx.store.getDoc(id))) };
    },
    close: ({ id, viewer }) => {
      hub.close(id, viewer);
      return {};
    },
    awareness: ({ id, update }) => {
      hub.localAwareness(id, fromBase64(update));
      return {};
    },
    steps: ({ id }) => bodySteps(ctx, id).map(({ snapshot: _s, event: _e, ...step }) => step),
    compare: async ({ id, from, to }) => {
      const steps = bodySteps(ctx, id);
      const blobs = blobStore();
      const find = async (eventId: string) => {
        const s = findStep(steps, eventId);
        return { state: await readSnapshotState(blobs, s.snapshot), actor: s.actor, at: s.at };
      };
      const empty = { state: Y.encodeStateAsUpdate(new Y.Doc()) };
      const now = { state: Y.encodeStateAsUpdate(ctx.store.getDoc(id)), actor: author(), at: ctx.now().toISOString() };
      return compareSteps(from ? await find(from) : empty, to ? await find(to) : now);
    },
    stepText: async ({ id, step }) => {
      const s = findStep(bodySteps(ctx, id), step);
      const check = await checkSnapshot(blobStore(), s.snapshot);
      const signature = ctx.signing ? ctx.signing.verify(id, [s.event])[0]! : verifyRecordEvent(id, s.event, null);
      return { text: check.text, sm3: s.snapshot.sm3, matches: check.ok, signature };
    },
    exportDocx: async ({ id }) => {
      const doc = ctx.store.getDoc(id);
      const title = String(fieldsOf(doc).get('title') ?? '正文');
      const data = await renderBodyDocx(bodyBlocks(doc), { title });
      return { name: `${title}_正文.docx`, data: data.toString('base64') };
    },
    importDocx: ({ id, data }) => {
      requireEdit(id);
      const body = readDocxBody(fromBase64(data));
      replaceBody(id, body.doc);
      return { paragraphs: body.paragraphs, warnings: body.warnings };
    },
    printPdf: async ({ id }) => {
      const doc = ctx.store.getDoc(id);
      const fields = documentFieldsOf(fieldsOf(doc).toJSON());
      const official = officialDocument(fields, cleanText(bodyBlocks(doc)).replace(/\f/g, ''));
      const { pdf, pages } = await renderPdfDetailed(official);
      return { name: `${fields.title || '公文'}.pdf`, data: Buffer.from(pdf).toString('base64'), pages };
    },
    versions: ({ id }) => versionsOut(id),
    saveVersion: ({ id, name }) => {
      requireEdit(id);
      ctx.store.change(id, (doc) => saveVersion(doc, { id: randomUUID(), name, author: author(), at: ctx.now().toISOString() }));
      return versionsOut(id);
    },
    versionText: ({ id, version }) => {
      const v = listVersions(ctx.store.getDoc(id)).find((x) => x.id === version);
      if (!v) throw new AppError('NOT_FOUND', '找不到该版本');
      return { text: cleanText(bodyBlocks(snapshotDoc(fromBase64(v.state)))) };
    },
    restoreVersion: ({ id, version }) => {
      requireEdit(id);
      const v = listVersions(ctx.store.getDoc(id)).find((x) => x.id === version);
      if (!v) throw new AppError('NOT_FOUND', '找不到该版本');
      const old = snapshotDoc(fromBase64(v.state));
      const json = new HeadlessEditor(old, { author: author() }).current().doc.toJSON();
      replaceBody(id, json);
      ctx.store.change(id, (doc) => saveVersion(doc, { id: randomUUID(), name: `恢复自“${v.name}”`, author: author(), at: ctx.now().toISOString() }));
      return versionsOut(id);
    },
  };
}
