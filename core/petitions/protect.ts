import { decryptField, encryptField, type RecordKeys } from '../crypto/field/field-value';
import type { RecordKey } from '../crypto/field/record-key';
import { blindToken } from './blind-index';
import { maskIdNumber, maskName, maskPhone } from './mask';
import { PROTECTED_FIELDS, type PersonInput, type ProtectedField, type StoredPerson } from './model';

/**
 * Petitioners in and out of their protected form. Each value is sealed under the record's data
 * key with its place (`persons.0.phone`) bound into the MAC, so values cannot be swapped between
 * persons or records. Only this module sees plaintext; callers pass it straight to the screen.
 */
const place = (i: number, field: ProtectedField) => `persons.${i}.${field}`;

export function protectPersons(key: RecordKey, recordId: string, persons: readonly PersonInput[], indexKey: Uint8Array): StoredPerson[] {
  return persons.map((p, i) => ({
    cipher: {
      name: encryptField(key, recordId, place(i, 'name'), p.name),
      idNumber: encryptField(key, recordId, place(i, 'idNumber'), p.idNumber),
      phone: encryptField(key, recordId, place(i, 'phone'), p.phone),
      address: encryptField(key, recordId, place(i, 'address'), p.address),
    },
    masked: { name: maskName(p.name), idNumber: maskIdNumber(p.idNumber), phone: maskPhone(p.phone) },
    index: { name: blindToken(indexKey, 'name', p.name), idNumber: blindToken(indexKey, 'idNumber', p.idNumber), phone: blindToken(indexKey, 'phone', p.phone) },
  }));
}

/** The requested fields in plaintext (DECRYPT_FAILED if a value was tampered with or the key is wrong). */
export function revealPersons(
  keys: RecordKeys,
  recordId: string,
  persons: readonly StoredPerson[],
  fields: readonly ProtectedField[] = PROTECTED_FIELDS,
): Partial<PersonInput>[] {
  return persons.map((p, i) => {
    const out: Partial<PersonInput> = {};
    for (const f of fields) out[f] = decryptField(keys, recordId, place(i, f), p.cipher[f]);
    return out;
  });
}

/** The masked person, for whoever may not decrypt (the address is withheld entirely). */
export const maskedPerson = (p: StoredPerson): PersonInput => ({ name: p.masked.name, idNumber: p.masked.idNumber, phone: p.masked.phone, address: '******' });
