import type { TrustStore } from '../../core/crypto/x509/chain';
import type { RecordEvent } from '../../core/kernel/event';
import { isSystemActor, signRecordEvent, verifyRecordEvent, type SignatureStatus } from '../../core/kernel/signature';
import { DEMO_PIN, DemoPki } from '../crypto/demo-pki';
import { demoPinCheck, PinGate, type PinMode } from './pin-gate';

/**
 * Signing and verifying record events in the main process, for every area. `act` asks for a
 * `sig` before it writes an event; read paths ask for each event's signature status. Both are
 * optional: without an EventSigning (tests, tools) events are written unsigned and read as 未签名.
 */
export interface EventSigning {
  /** The `sig` for an event about to be written, over the content hash of the record as the actor saw it. */
  sign(recordId: string, contentHash: string, event: RecordEvent): string | undefined;
  /** The signature status of each event, in order. Never throws. */
  verify(recordId: string, events: readonly RecordEvent[]): SignatureStatus[];
  /** The trust the signatures are checked against (areas' extra checks use it too); null: none. */
  trust?(): TrustStore | null;
  /** When keys may be used (PIN once per session, a seal's PIN each time); absent: always. */
  pin?: PinGate;
}

/** Verification against a trust store, cached per event (an unchanged event and trust give the same answer). */
export function eventVerifier(trust: () => TrustStore | null): EventSigning['verify'] {
  let cacheTrust: TrustStore | null | undefined;
  const cache = new Map<string, SignatureStatus>();
  return (recordId, events) => {
    const t = trust();
    if (t !== cacheTrust) {
      cache.clear();
      cacheTrust = t;
    }
    return events.map((event) => {
      const key = `${recordId}\n${JSON.stringify(event)}`;
      let status = cache.get(key);
      if (!status) {
        status = verifyRecordEvent(recordId, event, t);
        if (cache.size > 20_000) cache.clear();
        cache.set(key, status);
      }
      return status;
    });
  };
}

/**
 * The demo profile's signing: the profile's own CA and demo keys (main/crypto/demo-pki.ts),
 * unlocked automatically with the demo PIN. System imports (`system:*`) stay unsigned by design.
 * The PKI is created on first use, so opening a profile costs nothing until someone acts. It lives
 * in the profile directory, or in `OA_DEMO_PKI_DIR` when set: each profile with its own CA shows
 * the other profiles' signatures as 证书不受信任, so demo hosts that sync should share one.
 */
export function demoEventSigning(profileDir: string, now: () => number = Date.now, env: NodeJS.ProcessEnv = process.env, pinMode: PinMode = 'auto'): EventSigning {
  const pin = new PinGate({ mode: pinMode, check: demoPinCheck(DEMO_PIN) });
  // Profiles that should trust each other (two demo hosts syncing) share one demo PKI directory.
  const dir = env.OA_DEMO_PKI_DIR || profileDir;
  let pki: DemoPki | null = null;
  const open = () => (pki ??= DemoPki.open(dir, now));
  const trust = (): TrustStore | null => {
    try {
      return open().trust();
    } catch {
      return null;
    }
  };
  return {
    sign(recordId, contentHash, event) {
      if (isSystemActor(event.actor)) return undefined;
      // Before anything is written: a locked key refuses the whole act (PIN_REQUIRED).
      pin.requireSession(event.actor);
      // The acting identity gives a login outside the demo directory its certificate's unit and role.
      const { signer, certificate } = open().identity(event.actor, event.by);
      return signRecordEvent(recordId, event, contentHash, signer, certificate);
    },
    // Reading never fails because of the PKI: without a usable CA every signature reads as untrusted.
    verify: eventVerifier(trust),
    trust,
    pin,
  };
}
