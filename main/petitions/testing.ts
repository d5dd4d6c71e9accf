import { DemoPki } from '../crypto/demo-pki';
import { demoEventSigning } from '../kernel/signing';
import { Store } from '../store/store';
import { tempDir } from '../store/testing/fixtures';
import type { PetitionContext } from './context';
import { demoKeyring } from './keyring';

/**
 * A temporary profile with the 信访 services' context: signing, keyring and seals from the demo
 * PKI in the profile. The demo PKI issues certificates as of the real time, so events are made at
 * it too (a second apart). `trust()` is the demo CA, for seals.
 */
export function petitionTestContext(): { ctx: PetitionContext & { pkiDir: string }; dir: string; trust: () => ReturnType<DemoPki['trust']> } {
  const dir = tempDir();
  const store = Store.open({ dir });
  let t = Date.now();
  const ctx = { store, now: () => new Date((t += 1_000)), signing: demoEventSigning(dir, () => t), keyring: demoKeyring(dir, () => t), pkiDir: dir };
  return { ctx, dir, trust: () => DemoPki.open(dir, () => t).trust() };
}
