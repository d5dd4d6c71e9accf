import { z } from 'zod';
import { fromBase64, utf8Decode, utf8Encode } from '../crypto/bytes';
import { parseCertificate } from '../crypto/x509/certificate';
import { nameValue } from '../crypto/x509/name';
import { SigEnvelope } from '../kernel/signature';
import { BlobRef, eventJson, EventStatus, RecordEvent, type StoredEvent } from '../kernel/event';
import { SIGN_EVENT, SignPayload } from '../records/sign-event';
import type { FileRole } from './manifest';

/**
 * The files of a package that are derived from the event log: the log itself, one file per
 * signature and seal, and the list of blobs the record refers to. Export writes them; verify
 * derives them again from events.jsonl and compares, so a copy that disagrees with the log is
 * named even when its hash in the manifest was updated.
 */
export const EVENTS_FILE = 'events.jsonl';

export interface PackageFile {
  path: string;
  role: FileRole;
  data: Uint8Array;
}

/** One line per event: the server's order (seq), this machine's status, and the event as stored. */
export function eventLogBytes(events: readonly StoredEvent[]): Uint8Array {
  return utf8Encode(events.map((s) => `{"event":${eventJson(s.event)},"reason":${JSON.stringify(s.reason)},"seq":${JSON.stringify(s.seq)},"status":${JSON.stringify(s.status)}}\n`).join(''));
}

const LogLine = z.object({ event: RecordEvent, reason: z.string().nullable(), seq: z.number().int().nullable(), status: EventStatus });

/** events.jsonl read back; throws with the line number on anything malformed. */
export function parseEventLog(bytes: Uint8Array): StoredEvent[] {
  const text = utf8Decode(bytes);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line, i) => {
      const r = LogLine.safeParse(JSON.parse(line));
      if (!r.success) throw new Error(`第 ${i + 1} 行格式不正确`);
      return r.data;
    });
}

/** A file-name-safe form of an event id or file name. */
const safe = (s: string): string => s.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);

export interface SignatureFile extends PackageFile {
  eventId: string;
  kind: '事件签名' | '签发' | '用印';
  signer: string;
  /** The signer's certificate, DER. */
  certificate: Uint8Array;
}

const cnOf = (der: Uint8Array): string => {
  try {
    return nameValue(parseCertificate(der).subject, 'CN') ?? '';
  } catch {
    return '';
  }
};

/** Every signature and seal of the log as a file of its own (unparseable ones are left to the event verdicts). */
export function signatureFiles(events: readonly StoredEvent[]): SignatureFile[] {
  const out: SignatureFile[] = [];
  events.forEach((s, i) => {
    try {
      out.push(...eventSignatureFiles(s, i));
    } catch {
      // Bad base64 and the like: the event's own signature verdict names it.
    }
  });
  return out;
}

function eventSignatureFiles(s: StoredEvent, i: number): SignatureFile[] {
  const out: SignatureFile[] = [];
  const e = s.event;
  const n = String(i + 1).padStart(4, '0');
  const env = e.sig ? SigEnvelope.safeParse(safeJson(e.sig)) : null;
  if (e.sig && env?.success) {
    const cert = fromBase64(env.data.certificate);
    out.push({ path: `signatures/${n}-${safe(e.id)}.json`, role: 'signature', data: utf8Encode(e.sig), eventId: e.id, kind: '事件签名', signer: cnOf(cert) || e.actor, certificate: cert });
  }
  const sign = e.type === SIGN_EVENT ? SignPayload.safeParse(e.payload) : null;
  if (sign?.success) {
    const cert = fromBase64(sign.data.certificate);
    const seal = sign.data.kind === '用印';
    out.push({
      path: seal ? `seals/${n}-${safe(e.id)}.ses` : `signatures/${n}-${safe(e.id)}-issue.der`,
      role: seal ? 'seal' : 'signature',
      data: fromBase64(sign.data.signature),
      eventId: e.id,
      kind: sign.data.kind,
      signer: cnOf(cert) || e.actor,
      certificate: cert,
    });
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Every file (BlobRef) named in the events' payloads or the fields, at any depth, once per SM3. */
export function blobRefsIn(values: readonly unknown[]): BlobRef[] {
  const found = new Map<string, BlobRef>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const ref = BlobRef.safeParse(v);
    if (ref.success && !found.has(ref.data.sm3)) found.set(ref.data.sm3, ref.data);
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  values.forEach((v) => walk(v, 0));
  return [...found.values()];
}

export const blobPath = (ref: BlobRef): string => `files/${ref.sm3.slice(0, 16)}-${safe(ref.name)}`;
