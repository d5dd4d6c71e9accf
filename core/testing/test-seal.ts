import { fromBase64 } from '../crypto/bytes';
import { createSeal } from '../crypto/seal/seal';
import type { TestUser } from '../crypto/test-pki';

/** A 1×1 PNG: the smallest picture a seal may carry. */
const PNG = fromBase64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==');
const DAY = 86_400_000;

/**
 * A unit seal for tests (imported only by *.test.ts files): made by `maker`, listing `holders`
 * as its 用章人, valid for `days` from `start`. Shaped as createSignEvent's `seal` option.
 */
export function testUnitSeal(maker: TestUser, holders: TestUser[], unit: string, start: Date, days = 300): { der: Uint8Array; esID: string; unit: string } {
  const esID = 'XT2026TESTSEAL01';
  const der = createSeal(
    {
      vid: 'xietong',
      esID,
      type: 1,
      name: unit,
      signerCerts: holders.map((h) => h.certificate.der),
      createDate: start,
      validStart: start,
      validEnd: new Date(start.getTime() + days * DAY),
      picture: { type: 'PNG', data: PNG, widthMm: 42, heightMm: 42 },
    },
    maker.signer,
    maker.certificate.der,
  );
  return { der, esID, unit };
}
