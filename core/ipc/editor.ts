import { z } from 'zod';
import { SignatureStatus } from '../kernel/signature-status';
import { BodyAuthor } from '../records/body-authors';

/**
 * The 正文 editor's channel (renderer/src/editor/README.md). The renderer holds a replica of the
 * record's Y.Doc and keeps it in step with main by the Yjs sync protocol: `open` sends the
 * replica's state vector and gets main's missing updates and main's state vector; the replica
 * answers with what main lacks (`push`); afterwards each local transaction is pushed as it
 * happens (keystrokes never wait for the answer) and main pushes every change of the record to
 * the windows editing it (`editor-update`). Updates are base64 Yjs v1 updates; main checks them
 * (they must decode, and the identity must be an editor) and stays the only writer to SQLite and
 * to the sync engine. Presence (cursors) travels the same way as y-protocols awareness updates.
 */
const Id = z.string().min(1).max(100);
/** base64 of Yjs bytes (a state vector or an update); 16 MiB is far beyond any 正文. */
const B64 = z.string().max(16 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const Viewer = z.string().min(1).max(100);

export const BodyMode = z.enum(['free', 'suggest']);
export type BodyMode = z.infer<typeof BodyMode>;

export const EditorSession = z.object({
  /** Main's updates the replica lacked (base64), and main's state vector. */
  update: B64,
  sv: B64,
  canEdit: z.boolean(),
  /** May accept or reject 修订 (the area's can('body.accept'), or the record's editors). */
  canAccept: z.boolean(),
  /** 'suggest': the workflow forces 修订 for this step (the area's state `bodyMode`). */
  bodyMode: BodyMode,
  /** The current identity, for suggestion ids and cursors; `color` is the person's colour. */
  user: BodyAuthor.extend({ color: z.string() }),
});
export type EditorSession = z.infer<typeof EditorSession>;

export const BodyStep = z.object({
  eventId: z.string(),
  label: z.string(),
  actor: BodyAuthor,
  at: z.string(),
  /** SM3 of the step's 清稿, as its signed event recorded it. */
  sm3: z.string(),
});
export type BodyStep = z.infer<typeof BodyStep>;

/** What a step recorded of the body, checked: the 清稿 read from its stored state against the hash its event signed. */
export const BodyStepText = z.object({
  text: z.string(),
  /** The 清稿 hash the event recorded (a 签发's `substance.body` too). */
  sm3: z.string(),
  /** The stored state's 清稿 hashes to `sm3`: this is the text the step's actor signed. */
  matches: z.boolean(),
  /** The verdict on the step event's signature, which covers `sm3`. */
  signature: SignatureStatus,
});
export type BodyStepText = z.infer<typeof BodyStepText>;

const Change = z
  .object({ kind: z.enum(['ins', 'del']), author: BodyAuthor.nullable(), at: z.string().nullable(), suggested: z.boolean() })
  .nullable();
export const Markup = z.array(z.object({ level: z.number(), segments: z.array(z.object({ text: z.string(), change: Change })) }));
export type Markup = z.infer<typeof Markup>;

export const BodyVersion = z.object({ id: z.string(), name: z.string(), author: BodyAuthor, at: z.string() });
export type BodyVersion = z.infer<typeof BodyVersion>;

export const editorContract = {
  editor: {
    /** Starts (or resumes) editing: sync step 1 from the replica, step 2 back; registers the window. */
    open: { input: z.object({ id: Id, viewer: Viewer, sv: B64 }).strict(), output: EditorSession },
    /** The replica's update (a transaction, or what main lacked after `open`). Returns main's state vector. */
    push: { input: z.object({ id: Id, update: B64 }).strict(), output: z.object({ sv: B64 }) },
    /** The window stops editing the record. */
    close: { input: z.object({ id: Id, viewer: Viewer }).strict(), output: z.object({}) },
    /** The replica's awareness update (cursor, selection), relayed to co-editors through the sync server. */
    awareness: { input: z.object({ id: Id, update: B64 }).strict(), output: z.object({}) },
    /** The workflow steps whose signed event recorded the body (拟稿, 核稿, 签发 …), oldest first. */
    steps: { input: z.object({ id: Id }).strict(), output: z.array(BodyStep) },
    /** 花脸稿 between two steps (`from` null: from the empty body; `to` null: the body now). CONFLICT while a step's stored state has not reached this machine. */
    compare: { input: z.object({ id: Id, from: z.string().max(100).nullable(), to: z.string().max(100).nullable() }).strict(), output: Markup },
    /** A step's 清稿 (what was signed) with its check: 与签发时一致 or not. */
    stepText: { input: z.object({ id: Id, step: z.string().max(100) }).strict(), output: BodyStepText },
    /** The body as DOCX (9704 layout; pending 修订 as Word revisions), base64. */
    exportDocx: { input: z.object({ id: Id }).strict(), output: z.object({ name: z.string(), data: B64 }) },
    /** Replaces the body by a DOCX's (headings, paragraphs, tables), as one edit of the current identity. */
    importDocx: { input: z.object({ id: Id, data: B64 }).strict(), output: z.object({ paragraphs: z.number().int(), warnings: z.array(z.string()) }) },
    /** The record's PDF exactly as printed (main/layout), base64, for the page-by-page preview. */
    printPdf: { input: z.object({ id: Id }).strict(), output: z.object({ name: z.string(), data: B64, pages: z.number().int() }) },
    versions: { input: z.object({ id: Id }).strict(), output: z.array(BodyVersion) },
    /** Saves the body now as a named version. */
    saveVersion: { input: z.object({ id: Id, name: z.string().trim().min(1).max(60) }).strict(), output: z.array(BodyVersion) },
    /** The 清稿 text of a version (preview). */
    versionText: { input: z.object({ id: Id, version: z.string().max(100) }).strict(), output: z.object({ text: z.string() }) },
    /** Makes the body read as the version did: a new edit (and a new version), history kept. */
    restoreVersion: { input: z.object({ id: Id, version: z.string().max(100) }).strict(), output: z.array(BodyVersion) },
  },
} as const;

/** Pushed by main to the windows editing a record. */
export const EDITOR_EVENTS = [
  z.object({ type: z.literal('editor-update'), id: z.string(), update: z.string() }),
  z.object({ type: z.literal('editor-awareness'), id: z.string(), update: z.string() }),
] as const;
