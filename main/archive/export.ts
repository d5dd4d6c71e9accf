import { AREAS } from '../../core/areas';
import { buildArchive, type ArchiveSealer } from '../../core/archive/build';
import { blobRefsIn } from '../../core/archive/entries';
import type { ArchiveChoices } from '../../core/archive/metadata';
import type { TrustStore } from '../../core/crypto/x509/chain';
import type { BlobRef } from '../../core/kernel/event';
import type { AreaRegistry } from '../../core/kernel/registry';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { AREA_MODULES } from '../areas';
import { eventLabel } from '../kernel/detail';
import type { AreaModule } from '../kernel/module';
import type { Store } from '../store/store';
import { writeZip } from '../zip/write';
import { renderRecordSheet } from './record-sheet';

export interface ExportArchiveOptions {
  store: Store;
  id: string;
  /** Who seals the package (the archivist's key and certificate) and when. */
  sealer: ArchiveSealer;
  /** The CA certificates and CRLs the record's signatures verify against; packaged with it. */
  trust: TrustStore | null;
  /** The bytes of a file the record refers to (the blob store), null when this machine lacks it. */
  blob: (ref: BlobRef) => Promise<Uint8Array | null>;
  choices?: ArchiveChoices;
  registry?: AreaRegistry;
  modules?: ReadonlyArray<Pick<AreaModule<never>, 'archivePdf'>>;
}

const display = (v: unknown): string | null => {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('、');
  return null;
};

/** The archive package of record `id` as zip bytes (core/archive/build.ts lists its files). */
export async function exportArchive(o: ExportArchiveOptions): Promise<Buffer> {
  const kind = o.store.kindOf(o.id);
  if (!kind) throw new AppError('NOT_FOUND', `没有这条记录:${o.id}`);
  const area = (o.registry ?? AREAS).get(kind);
  const doc = o.store.getDoc(o.id);
  const fields = fieldsOf(doc).toJSON() as Record<string, unknown>;
  const body = bodyText(doc);
  const events = o.store.events(o.id);
  const label = (type: string) => eventLabel(area, type);
  let printed: { pdf: Buffer; pages: number } | null = null;
  for (const m of o.modules ?? AREA_MODULES) printed ??= (await m.archivePdf?.(o.store, o.id, o.sealer.at)) ?? null;
  printed ??= await renderRecordSheet({
    title: display(fields.title) ?? `${area.label} ${o.id}`,
    kindLabel: area.label,
    recordId: o.id,
    // The fields the area names for users (all of them when it names none), leaving out empty ones.
    fields: Object.entries(fields)
      .filter(([k]) => k !== 'kind' && k !== 'title' && (!area.fieldLabels || k in area.fieldLabels))
      .flatMap(([k, v]) => {
        const text = display(v);
        return text === null || text === '' ? [] : [[area.fieldLabels?.[k] ?? k, text] as [string, string]];
      }),
    body,
    events,
    eventLabel: label,
    creationDate: o.sealer.at,
  });
  // The files the record refers to, read before the (synchronous) packing.
  const blobs = new Map<string, Uint8Array | null>();
  for (const ref of blobRefsIn([fields, ...events.map((s) => s.event.payload)])) blobs.set(ref.sm3, await o.blob(ref));
  const files = buildArchive(
    {
      recordId: o.id,
      kind,
      kindLabel: area.label,
      fields,
      body,
      events,
      eventLabel: label,
      pdf: printed.pdf,
      pages: printed.pages,
      blob: (ref) => blobs.get(ref.sm3) ?? null,
      caCertificates: [...(o.trust?.anchors ?? []), ...(o.trust?.intermediates ?? [])],
      crls: o.trust?.crls ?? [],
      ...(o.choices ? { choices: o.choices } : {}),
    },
    o.sealer,
  );
  return writeZip(files.map((f) => ({ name: f.path, data: f.data })));
}
