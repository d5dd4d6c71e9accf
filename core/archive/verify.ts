import { equalBytes, utf8Decode } from '../crypto/bytes';
import { decodePemAll } from '../crypto/pem';
import { parseCertificate, type Certificate } from '../crypto/x509/certificate';
import type { TrustStore } from '../crypto/x509/chain';
import { parseCrl, type Crl } from '../crypto/x509/crl';
import { formatName } from '../crypto/x509/name';
import { isSystemActor } from '../kernel/actor';
import type { StoredEvent } from '../kernel/event';
import type { AreaRegistry } from '../kernel/registry';
import { verifyRecordEvent } from '../kernel/signature';
import { SIGN_EVENT } from '../records/sign-event';
import { EVENTS_FILE, parseEventLog, signatureFiles } from './entries';
import { ArchiveManifest, checkManifestLock, LOCK_FILE, lockSigner, lockTrustProblem, MANIFEST_FILE, sm3Hex } from './manifest';

export interface Verdict {
  subject: string;
  ok: boolean;
  message: string;
}

/** The input is not an archive package at all (exit 2), as opposed to one that fails a check (exit 1). */
export class UnreadableArchive extends Error {}

export interface VerifyOptions {
  registry: AreaRegistry;
  /** Trust anchors chosen by the verifier (the unit's own CA); default: the package's self-signed CA certificates. */
  anchors?: readonly Certificate[];
}

export interface VerifyResult {
  verdicts: Verdict[];
  /** The trust anchors used, for the report (subject and SM3 fingerprint). */
  anchors: Array<{ subject: string; fingerprint: string }>;
}

const isSelfSigned = (c: Certificate): boolean => equalBytes(c.subject.der, c.issuer.der) && !!c.extensions.basicConstraints?.ca;

/**
 * Verifies an archive package offline from its files (a file the zip could not give back is an
 * Error in the map). Order: the lock signature over the manifest, every file against its SM3
 * (and no file outside the manifest), the signature and seal copies against the log, then every
 * event's signature and every 签发/用印 — one verdict each. Throws UnreadableArchive only when
 * there is no manifest to start from.
 */
export function verifyArchive(files: ReadonlyMap<string, Uint8Array | Error>, o: VerifyOptions): VerifyResult {
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) throw new UnreadableArchive('不是归档封装包:缺少 manifest.json');
  if (manifestBytes instanceof Error) throw new UnreadableArchive(`无法读取 manifest.json:${manifestBytes.message}`);
  const verdicts: Verdict[] = [];
  const say = (subject: string, ok: boolean, message: string) => verdicts.push({ subject, ok, message });

  // Trust from the package's certificates and CRLs (every file is also checked against the manifest below).
  const certs: Certificate[] = [];
  const crls: Crl[] = [];
  for (const [path, data] of files) {
    if (data instanceof Error) continue;
    try {
      if (path.startsWith('certs/')) certs.push(...decodePemAll(utf8Decode(data)).map((b) => parseCertificate(b.der)));
      if (path.startsWith('crls/')) crls.push(...decodePemAll(utf8Decode(data)).map((b) => parseCrl(b.der)));
    } catch {
      // Named by its own verdict below (its SM3 no longer matches).
    }
  }
  const anchors = o.anchors ? [...o.anchors] : certs.filter(isSelfSigned);
  const trust: TrustStore = { anchors, intermediates: certs.filter((c) => !anchors.some((a) => equalBytes(a.der, c.der))), crls };

  // The manifest and its lock first, then every file against the manifest, then who sealed it:
  // a changed file is named by its own verdict before anything that depends on it fails.
  const lock = checkManifestLock(manifestBytes, asBytes(files.get(LOCK_FILE)));
  if (!lock.ok) say(`文件 ${lock.file}`, false, lock.message);
  else say(`文件 ${MANIFEST_FILE}`, true, '清单与锁定签名一致');

  let manifest: ArchiveManifest;
  try {
    manifest = ArchiveManifest.parse(JSON.parse(utf8Decode(manifestBytes)));
  } catch (err) {
    say(`文件 ${MANIFEST_FILE}`, false, `格式不正确:${(err as Error).message.slice(0, 200)}`);
    return { verdicts, anchors: anchorsOf(anchors) };
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const entry of manifest.files) {
    const data = files.get(entry.path);
    if (!data) say(`文件 ${entry.path}`, false, '缺失');
    else if (data instanceof Error) say(`文件 ${entry.path}`, false, `无法读取:${data.message}`);
    else {
      const actual = sm3Hex(data);
      say(`文件 ${entry.path}`, actual === entry.sm3 && data.length === entry.size, actual === entry.sm3 ? 'SM3 一致' : `SM3 不符(清单 ${entry.sm3.slice(0, 16)}…,实际 ${actual.slice(0, 16)}…)`);
    }
  }
  for (const path of files.keys()) if (!listed.has(path) && path !== MANIFEST_FILE && path !== LOCK_FILE) say(`文件 ${path}`, false, '不在清单中(封装后被加入)');
  if (lock.ok) {
    const problem = lockTrustProblem(lock, trust);
    say(`锁定签名 ${LOCK_FILE}`, problem === null, problem ?? `有效,归档人 ${lockSigner(lock.certificate)},封装时间 ${lock.at.toISOString()}`);
  }

  let events: StoredEvent[];
  try {
    events = parseEventLog(asBytes(files.get(EVENTS_FILE)) ?? new Uint8Array());
  } catch (err) {
    say(`文件 ${EVENTS_FILE}`, false, `业务行为日志无法解析:${(err as Error).message}`);
    return { verdicts, anchors: anchorsOf(anchors) };
  }
  for (const copy of signatureFiles(events)) {
    const data = asBytes(files.get(copy.path));
    if (data && !equalBytes(data, copy.data)) say(`文件 ${copy.path}`, false, '与业务行为日志中的签名不一致');
  }

  const area = o.registry.byKind(manifest.kind);
  for (const s of events) {
    const e = s.event;
    const subject = `签名 事件 ${e.id}(${e.type},${e.by?.name ?? e.actor},${e.at})`;
    if (s.status === 'rejected') {
      say(subject, true, `已被服务器拒绝,不计入办理结果(${s.reason ?? ''})`);
      continue;
    }
    const at = new Date(e.at);
    let v: ReturnType<typeof verifyRecordEvent>;
    try {
      v = verifyRecordEvent(manifest.recordId, e, trust, Number.isNaN(at.getTime()) ? undefined : at);
    } catch (err) {
      v = { status: 'invalid', code: 'MALFORMED', message: `签名数据无法解析:${(err as Error).message}` };
    }
    if (v.status === 'valid') say(subject, true, `有效,签名人 ${v.signer}`);
    else if (v.status === 'system' && isSystemActor(e.actor)) say(subject, true, '系统事件,无需签名');
    else say(subject, false, ('message' in v ? v.message : undefined) ?? '签名无效');
    if (e.type === SIGN_EVENT && area?.verifyExtra) {
      const kind = (e.payload as { kind?: unknown }).kind === '用印' ? '印章' : '签发签名';
      const extra = safely(() => area.verifyExtra?.(manifest.recordId, e, trust) ?? null);
      say(`${kind} 事件 ${e.id}`, extra === null, extra ?? '有效');
    }
  }
  return { verdicts, anchors: anchorsOf(anchors) };
}

const asBytes = (v: Uint8Array | Error | undefined): Uint8Array | undefined => (v instanceof Uint8Array ? v : undefined);
const anchorsOf = (anchors: readonly Certificate[]) => anchors.map((a) => ({ subject: formatName(a.subject), fingerprint: sm3Hex(a.der) }));

/** An area's extra check never stops the verification: a throw is a failed verdict. */
function safely(check: () => string | null): string | null {
  try {
    return check();
  } catch (err) {
    return `无法验证:${(err as Error).message}`;
  }
}
