import { utf8Encode } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import type { SyncSigner } from '../crypto/sm2/signer';
import { certificateToPem, type Certificate } from '../crypto/x509/certificate';
import { crlToPem, type Crl } from '../crypto/x509/crl';
import { formatName } from '../crypto/x509/name';
import type { BlobRef, StoredEvent } from '../kernel/event';
import { plainJson } from '../kernel/signature';
import { blobPath, blobRefsIn, EVENTS_FILE, eventLogBytes, signatureFiles, type PackageFile } from './entries';
import { ARCHIVE_FORMAT, LOCK_FILE, lockFileBytes, MANIFEST_FILE, signManifest, sm3Hex, type ArchiveManifest, type ManifestEntry } from './manifest';
import { da46Metadata, type ArchiveChoices } from './metadata';
import { packageXml } from './package-xml';

export interface ArchiveSource {
  recordId: string;
  kind: string;
  kindLabel: string;
  fields: Record<string, unknown>;
  body: string;
  events: readonly StoredEvent[];
  eventLabel: (type: string) => string;
  /** The record's PDF (GB/T 9704 for a 公文) and its page count. */
  pdf: Uint8Array;
  pages: number;
  /** The bytes of a blob the record refers to; null when this machine does not have it. */
  blob: (ref: BlobRef) => Uint8Array | null;
  /** The CA certificates (and intermediates) and CRLs the signatures verify against. */
  caCertificates: readonly Certificate[];
  crls: readonly Crl[];
  choices?: ArchiveChoices;
}

export interface ArchiveSealer {
  signer: SyncSigner;
  certificate: Certificate;
  at: Date;
}

const json = (value: unknown): Uint8Array => utf8Encode(JSON.stringify(value, null, 2) + '\n');

/**
 * Every file of the archive package, manifest and lock signature last (main/archive/README.md
 * lists them). Throws an Error naming a blob the record refers to that is missing here: an
 * archive without its 原件 would be incomplete.
 */
export function buildArchive(src: ArchiveSource, sealer: ArchiveSealer): PackageFile[] {
  const files: PackageFile[] = [{ path: 'record.pdf', role: 'pdf', data: src.pdf }];
  files.push({ path: 'content.json', role: 'content', data: json({ recordId: src.recordId, kind: src.kind, fields: plainJson(src.fields), body: src.body }) });
  files.push({ path: EVENTS_FILE, role: 'events', data: eventLogBytes(src.events) });
  const signatures = signatureFiles(src.events);
  files.push(...signatures.map(({ path, role, data }) => ({ path, role, data })));
  const refs = blobRefsIn([src.fields, ...src.events.map((s) => s.event.payload)]);
  for (const ref of refs) {
    const data = src.blob(ref);
    if (!data) throw new Error(`本机没有该记录引用的文件“${ref.name}”(SM3 ${ref.sm3}),请先同步后再归档`);
    files.push({ path: blobPath(ref), role: 'blob', data });
  }
  const certs = new Map<string, Uint8Array>();
  for (const c of src.caCertificates) certs.set(sm3Hex(c.der), c.der);
  for (const s of signatures) certs.set(sm3Hex(s.certificate), s.certificate);
  certs.set(sm3Hex(sealer.certificate.der), sealer.certificate.der);
  const certPath = (der: Uint8Array): string => `certs/${sm3Hex(der).slice(0, 16)}.pem`;
  for (const der of certs.values()) files.push({ path: certPath(der), role: 'certificate', data: utf8Encode(certificateToPem(der)) });
  src.crls.forEach((crl, i) => files.push({ path: `crls/${String(i + 1).padStart(2, '0')}.pem`, role: 'crl', data: utf8Encode(crlToPem(crl.der)) }));

  const metadata = da46Metadata({ ...src, attachments: refs.length, choices: src.choices });
  files.push({ path: 'metadata.json', role: 'metadata', data: json({ 文书类元数据: metadata, 记录: { id: src.recordId, kind: src.kind, 名称: src.kindLabel } }) });
  const exporter = formatName(sealer.certificate.subject);
  const xml = packageXml({
    metadata,
    exportedAt: sealer.at.toISOString(),
    exporter,
    files: files.map(entryOf),
    events: src.events,
    eventLabel: src.eventLabel,
    signatures: signatures.map((s) => ({ eventId: s.eventId, kind: s.kind, signer: s.signer, file: s.path, certificate: certPath(s.certificate) })),
  });
  files.push({ path: 'package.xml', role: 'package', data: utf8Encode(xml) });

  const manifest: ArchiveManifest = { format: ARCHIVE_FORMAT, recordId: src.recordId, kind: src.kind, exportedAt: sealer.at.toISOString(), files: files.map(entryOf) };
  const manifestBytes = utf8Encode(canonicalJson(plainJson(manifest)) + '\n');
  const lock = signManifest(manifestBytes, sealer.signer, sealer.certificate, sealer.at);
  return [...files, { path: MANIFEST_FILE, role: 'metadata', data: manifestBytes }, { path: LOCK_FILE, role: 'signature', data: lockFileBytes(lock) }];
}

const entryOf = (f: PackageFile): ManifestEntry => ({ path: f.path, role: f.role, sm3: sm3Hex(f.data), size: f.data.length });

