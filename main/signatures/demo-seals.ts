import fs from 'node:fs';
import path from 'node:path';
import { equalBytes } from '../../core/crypto/bytes';
import { parseSeal, type ParsedSeal } from '../../core/crypto/seal/structures';
import type { Actor } from '../../core/kernel/actor';
import { DEMO_USERS } from '../../core/directory/demo-users';
import { DEMO_PIN, type DemoPki } from '../crypto/demo-pki';
import { createSealFile, readSealFile } from '../crypto/seals';
import { demoSealPicture } from './seal-picture';

/** Demo seals are made valid for ten years, like the demo certificates. */
const DEMO_SEAL_DAYS = 3650;

/**
 * The unit's electronic seal in the demo PKI (演示印章). The first 用印 of a unit creates its
 * seal — a GB/T 38540 SESeal named after the unit, with a picture drawn in code
 * (seal-picture.ts), listing as holders the demo users of that unit, signed by the demo PKI's
 * seal maker (制章人, unlocked with the demo PIN) — written to `<pkiDir>/seals/<esID>.seal` as
 * `oa seal create` does. A user of the unit not listed in the current seal (a login that got its
 * certificate later) gets a new seal version that lists them too. A real deployment makes seals
 * with `oa seal create` and does not create them on demand.
 */
export function demoUnitSeal(pki: DemoPki, actor: Actor, now: number): ParsedSeal {
  const cert = pki.identity(actor.login).certificate.der;
  const current = unitSeals(pki.dataDir, actor.unit, now).find((s) => s.info.signerCerts.some((c) => equalBytes(c, cert)));
  if (current) return current;
  const holders = [...new Set([...DEMO_USERS.filter((u) => u.unit === actor.unit).map((u) => u.login), actor.login])];
  for (const login of holders) pki.identity(login); // issues missing demo certificates
  const { file } = createSealFile({ dataDir: pki.dataDir, caPin: DEMO_PIN, unit: actor.unit, image: demoSealPicture(), holders, days: DEMO_SEAL_DAYS, now: () => now, iterations: 2_000 });
  return parseSeal(readSealFile(file));
}

/** Seals of `unit` valid at `now`, newest first. Unreadable files are skipped. */
function unitSeals(dataDir: string, unit: string, now: number): ParsedSeal[] {
  const dir = path.join(dataDir, 'seals');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.seal'));
  } catch {
    return [];
  }
  const seals: ParsedSeal[] = [];
  for (const n of names) {
    try {
      const s = parseSeal(readSealFile(path.join(dir, n)));
      if (s.info.name === unit && s.info.validStart.getTime() <= now && now <= s.info.validEnd.getTime()) seals.push(s);
    } catch {
      // not a seal we can read
    }
  }
  return seals.sort((a, b) => b.info.createDate.getTime() - a.info.createDate.getTime());
}
