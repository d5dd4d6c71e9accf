import type { Handlers } from '../../core/ipc/dispatch';
import { audiencesOf } from '../../core/kernel/audience';
import { beijingDate } from '../../core/calendar/iso-date';
import { describeIssues } from '../../core/ipc/dispatch';
import { setBodyTextAs } from '../../core/records/body-authors';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { act, areaOf, createRecord } from './act';
import { recordDetail } from './detail';
import { editRecord } from './edit';
import type { AreaContext } from './module';
import { kernelQueries } from './queries';

/** Parses fields with the area's schema; BAD_INPUT naming what does not fit. */
function parsedFields(schema: { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: Parameters<typeof describeIssues>[0] } }, value: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('BAD_INPUT', `输入有误:${describeIssues(parsed.error)}`);
  const data = parsed.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new AppError('BAD_INPUT', '输入有误:字段应为对象');
  return data as Record<string, unknown>;
}

/**
 * `records.*` and `todo.*`, implemented once for every registered area (core/ipc/records.ts). The
 * area comes from the store's registry by the record's kind; nothing here knows an area.
 */
export function recordHandlers(ctx: AreaContext): Pick<Handlers, 'records' | 'todo'> {
  const { store } = ctx;
  const detail = (id: string) => recordDetail(store, id, ctx.actor(), ctx.signing);
  return {
    records: {
      create: ({ kind, fields, body }) => {
        const area = store.registry.byKind(kind);
        if (!area) throw new AppError('BAD_INPUT', `未知的记录类型:${kind}`);
        const values = parsedFields(area.input ?? area.fields, { ...fields, kind });
        const actor = ctx.actor();
        const id = createRecord(
          store,
          store.registry,
          {
            kind,
            build: (doc) => {
              const map = fieldsOf(doc);
              for (const [key, value] of Object.entries(values)) if (value !== undefined) map.set(key, value);
              // Under the creator's own client id, so the 花脸稿 names who wrote the first text.
              if (body) setBodyTextAs(doc, actor, body);
            },
          },
          actor,
          ctx.now(),
          ctx.signing,
        );
        return detail(id);
      },
      get: ({ id }) => detail(id),
      update: ({ id, base, patch, body }) => {
        const area = areaOf(store, store.registry, id);
        const current = fieldsOf(store.getDoc(id)).toJSON() as Record<string, unknown>;
        // The changed fields, checked strictly where the area says how; else the record as it
        // would be must still read as the area's fields. What is written is the checked value.
        const next = area.input ? parsedFields(area.input.partial(), patch) : parsedFields(area.fields, { ...current, ...patch, kind: area.kind });
        const values = Object.fromEntries(Object.keys(patch).map((k) => [k, next[k]]));
        editRecord(store, store.registry, { id, base, patch: values, ...(body === undefined ? {} : { body }) }, ctx.actor(), ctx.now(), ctx.signing);
        return detail(id);
      },
      act: ({ id, basis, type, payload }) => {
        act(store, store.registry, { id, basis, type, payload }, ctx.actor(), ctx.now(), ctx.signing);
        return detail(id);
      },
      list: ({ kind, offset, limit }) => {
        if (!store.registry.byKind(kind)) throw new AppError('BAD_INPUT', `未知的记录类型:${kind}`);
        return store.use(kernelQueries).list(kind, offset, limit);
      },
    },
    todo: {
      list: () => store.use(kernelQueries).todo(audiencesOf(ctx.actor()), beijingDate(ctx.now())),
    },
  };
}
