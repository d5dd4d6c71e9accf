import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { KeyEnvelope, Reader } from '../../core/crypto/field/envelopes';
import { openRecordKeys } from '../../core/crypto/field/envelopes';
import { discardRecordKey, type RecordKey } from '../../core/crypto/field/record-key';
import { createSoftSmProvider, memoryKeySource } from '../../core/crypto/soft-sm';
import type { Actor } from '../../core/kernel/actor';
import { AppError } from '../../core/result';
import { DemoPki } from '../crypto/demo-pki';

function clearCache(cache: Map<string, RecordKey>): void {
  for (const k of cache.values()) discardRecordKey(k);
  cache.clear();
}

/** The reader every 信访 office member opens envelopes as (the office's role key). */
export const OFFICE_READER = 'role:petition_office';
const OFFICE_KEY_LOGIN = 'role.petition_office';
const OFFICE_IDENTITY = { unit: '市信访局', role: 'petition_office' as const };

/**
 * Keys of protected personal data: readers' SM2 public keys from the directory, opening a
 * record's envelopes as an actor, and the office's blind-index key. Tests pass their own.
 */
export interface PetitionKeyring {
  /** `role:petition_office` or `user:<login>`. */
  reader(recipient: string, acting?: Actor): Reader;
  /**
   * Every generation of the record key `actor` may open: the office's role key, or their own.
   * The keys belong to the keyring (a session cache: SM2 unwrapping costs milliseconds per
   * record); callers never discard them, `clear()` wipes them all (lock, logout, identity switch).
   */
  open(envelopes: readonly KeyEnvelope[], actor: Actor): Promise<RecordKey[]>;
  clear(): void;
  /** HMAC-SM3 key of the blind index (32 bytes), shared by the 信访 office. */
  indexKey(): Uint8Array;
}

/**
 * The demo keyring: keys from the demo PKI (main/crypto/demo-pki.ts; the demo PIN is public),
 * the office role key held as a login of its own, and the index key in `petition-index.key`
 * beside the PKI (created once, 0600). A real deployment gives the index key to 信访 machines only.
 */
export function demoKeyring(pkiDir: string, now: () => number = Date.now): PetitionKeyring {
  let pki: DemoPki | null = null;
  let index: Uint8Array | null = null;
  const cache = new Map<string, RecordKey>();
  const open = () => (pki ??= DemoPki.open(pkiDir, now));
  const loginOf = (recipient: string) => (recipient === OFFICE_READER ? OFFICE_KEY_LOGIN : recipient.replace(/^user:/, ''));
  return {
    reader(recipient, acting) {
      const login = loginOf(recipient);
      const holder = recipient === OFFICE_READER ? OFFICE_IDENTITY : acting ? { unit: acting.unit, role: acting.role } : undefined;
      return { recipient, spki: open().keyPair(login, holder).spki };
    },
    async open(envelopes, actor) {
      const login = actor.role === 'petition_office' ? OFFICE_KEY_LOGIN : actor.login;
      const cached = [...new Set(envelopes.map((e) => e.dataKeyId))].map((id) => cache.get(`${login}/${id}`));
      if (cached.length > 0 && cached.every((k) => k !== undefined)) return cached as RecordKey[];
      const { privateKey } = open().keyPair(login, actor.role === 'petition_office' ? OFFICE_IDENTITY : { unit: actor.unit, role: actor.role });
      const provider = createSoftSmProvider(memoryKeySource('demo', [{ keyId: 'enc', key: privateKey }]));
      await provider.login('demo');
      const [handle] = await provider.listKeys();
      if (!handle) throw new AppError('FORBIDDEN', '没有可用的解密密钥');
      const keys = await openRecordKeys(envelopes, provider, handle);
      if (cache.size > 10_000) clearCache(cache);
      for (const k of keys) cache.set(`${login}/${k.dataKeyId}`, k);
      return keys;
    },
    clear: () => clearCache(cache),
    indexKey() {
      if (index) return index;
      const file = path.join(pkiDir, 'petition-index.key');
      if (!fs.existsSync(file)) {
        fs.mkdirSync(pkiDir, { recursive: true });
        fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      }
      index = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
      if (index.length !== 32) throw new AppError('INTERNAL', '信访索引密钥文件已损坏');
      return index;
    },
  };
}
