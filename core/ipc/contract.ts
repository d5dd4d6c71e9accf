import { z } from 'zod';
import { Unit } from '../directory/model';
import { blobsContract } from './blobs';
import { proposalsContract } from '../proposals/contract';
import { SupervisionAction } from '../supervision/actions';
import { SupervisionCreate, SupervisionFilter, SupervisionPage, SupervisionPatch } from '../supervision/model';
import { dashboardContract } from './dashboard';
import { documentsContract } from './documents';
import { incomingContract } from './incoming';
import { intakeContract } from './intake';
import { EDITOR_EVENTS, editorContract } from './editor';
import { notificationsContract } from './notifications';
import { petitionsContract } from './petitions';
import { recordsContract } from './records';
import { SearchQuery, SearchResult } from './search';
import { signaturesContract } from './signatures';
import { AcknowledgeManyResult, Inbox, SessionInfo, SupervisionDetail, SupervisionFacets, supervisionFileMethods } from './supervision';
import { SYNC_EVENTS, syncMethods } from './sync';

export { HistoryEntry, Inbox, SessionInfo, SupervisionDetail, SupervisionFacets } from './supervision';

/** One IPC method: a zod schema for its input and for its output. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({ input, output });

const Id = z.object({ id: z.string().min(1).max(100) }).strict();
const Empty = z.object({}).strict().default({});

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  records: z.number().int(),
  /** Where the app runs: the Electron shell or the web host. */
  shell: z.enum(['electron', 'web']),
  /** null while no sync server is configured: the app works fully offline. */
  syncServer: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * The one IPC contract. Channel names are derived from the keys (`area.method`);
 * preload, main handlers, web host and renderer all use this object.
 */
export const contract = {
  app: {
    info: method(Empty, AppInfo),
  },
  /** The record kernel's generic methods, for every area (core/ipc/records.ts): records.*, todo.*. */
  ...recordsContract,
  supervision: {
    list: method(SupervisionFilter, SupervisionPage),
    facets: method(Empty, SupervisionFacets),
    get: method(Id, SupervisionDetail),
    create: method(SupervisionCreate, SupervisionDetail),
    /**
     * An edit form's save: only changed fields (`patch`); `base` = the values as the form opened.
     * A changed field that moved since is refused (CONFLICT, naming who changed it to what); the
     * 正文 merges with a newer save instead.
     */
    update: method(z.object({ id: z.string().min(1).max(100), patch: SupervisionPatch, base: SupervisionPatch.optional() }).strict(), SupervisionDetail),
    /**
     * One lifecycle action (交办, 签收, 进展反馈, 催办, 延期, 办结, 审核, 销号, 评价) as the current
     * identity. `basis` is the detail's `head`: a linear transition based on an older head is refused.
     */
    act: method(
      z.object({ id: z.string().min(1).max(100), basis: z.string().nullable(), action: SupervisionAction }).strict(),
      SupervisionDetail,
    ),
    /** The current identity's 待办 (most urgent first) and 已办. */
    inbox: method(Empty, Inbox),
    /** 批量签收: the current identity's unit signs each item (each a signed event of its own). */
    acknowledgeMany: method(z.object({ ids: z.array(z.string().min(1).max(100)).min(1, '请选择要签收的事项').max(100) }).strict(), AcknowledgeManyResult),
    /** attachFile: files of 进展反馈 and 办结申请, sent as blobs (core/ipc/supervision.ts). */
    ...supervisionFileMethods,
  },
  /** The current identity: a demo choice until login exists (设置 → 演示身份切换). */
  session: {
    get: method(Empty, SessionInfo),
    switch: method(z.object({ login: z.string().min(1).max(100) }).strict(), SessionInfo),
  },
  /** 收文: the register and the 收文 workflow (core/ipc/incoming.ts). */
  ...incomingContract,
  directory: {
    list: method(Empty, z.array(Unit)),
  },
  search: {
    query: method(SearchQuery, SearchResult),
  },
  /** 一屏通览 and 通报 (core/ipc/dashboard.ts). */
  ...dashboardContract,
  /** Notifications of every area (core/ipc/notifications.ts). */
  ...notificationsContract,
  /** 发文: 公文 records drafted here, e.g. the generated 通报 (core/ipc/documents.ts). */
  ...documentsContract,
  /** 收文 intake from files: a dropped PDF/DOCX/OFD read for 登记 (core/ipc/intake.ts). */
  ...intakeContract,
  /** The background sync with the sync server (core/ipc/sync.ts). */
  sync: syncMethods,
  /** 签发与用印 on any record (core/ipc/signatures.ts). */
  ...signaturesContract,
  /** Files as content-addressed blobs, in chunks (core/ipc/blobs.ts). */
  ...blobsContract,
  /** The 正文 editor: the replica's sync, 花脸稿, versions, DOCX, print (core/ipc/editor.ts). */
  ...editorContract,
  /** 提案建议 (core/proposals/contract.ts). */
  ...proposalsContract,
  /** 信访投诉 and 12345: protected personal data and repeat detection (core/ipc/petitions.ts). */
  ...petitionsContract,
} as const;

export type Contract = typeof contract;
export type Area = keyof Contract;
export type MethodOf<A extends Area> = keyof Contract[A] & string;
type SpecOf<A extends Area, M extends MethodOf<A>> = Contract[A][M] extends MethodSpec ? Contract[A][M] : never;
export type InputOf<A extends Area, M extends MethodOf<A>> = z.input<SpecOf<A, M>['input']>;
export type ParsedInputOf<A extends Area, M extends MethodOf<A>> = z.output<SpecOf<A, M>['input']>;
export type OutputOf<A extends Area, M extends MethodOf<A>> = z.output<SpecOf<A, M>['output']>;

/** The channel name for one method: the only place a channel string is made. */
export const channelOf = (area: string, name: string): string => `${area}.${name}`;

/** Every method as `[channel, spec]`, for registering handlers. */
export function listMethods(): Array<{ area: Area; name: string; channel: string; spec: MethodSpec }> {
  const out: Array<{ area: Area; name: string; channel: string; spec: MethodSpec }> = [];
  for (const area of Object.keys(contract) as Area[]) {
    for (const [name, spec] of Object.entries(contract[area]) as Array<[string, MethodSpec]>) {
      out.push({ area, name, channel: channelOf(area, name), spec });
    }
  }
  return out;
}

/** The one channel main uses to push AppEvents to windows. */
export const EVENT_CHANNEL = 'xietong:event';

/** Events pushed from the main process to every window. */
export const AppEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('records-changed'), ids: z.array(z.string()) }),
  ...SYNC_EVENTS,
  ...EDITOR_EVENTS,
]);
export type AppEvent = z.infer<typeof AppEvent>;
