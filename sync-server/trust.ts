import fs from 'node:fs';
import type { TrustStore } from '../core/crypto/x509/chain';
import { certificateFromPem } from '../core/crypto/x509/certificate';
import { crlFromPem } from '../core/crypto/x509/crl';

/**
 * The CA (`--trust-ca`) whose certificates sign workflow events and log in, and its CRL (`--crl`).
 * Read once at start: restart the server after publishing a new CRL.
 */
export function loadTrust(caFile: string, crlFile?: string): TrustStore {
  const anchors = [certificateFromPem(fs.readFileSync(caFile, 'utf8'))];
  const crls = crlFile ? [crlFromPem(fs.readFileSync(crlFile, 'utf8'))] : [];
  // Without a CRL file revocation cannot be checked: say so by not requiring one only then.
  return { anchors, crls, requireCrl: crlFile !== undefined };
}
