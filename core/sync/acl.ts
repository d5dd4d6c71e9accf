import * as Y from 'yjs';
import { z } from 'zod';

/**
 * Who may see and edit a document (the rule is documented in sync-server/README.md):
 * 1. `admin` users are editors of every document.
 * 2. A document is owned by units: the units named when it was created or set by `oa acl owners`,
 *    plus the units its record names (`fields.lead` and `fields.responsible`, the 牵头单位 and
 *    责任单位 of a 督办事项). Members of an owning unit are editors (`staff`) or viewers (`reader`).
 * 3. Explicit grants (`oa acl grant`) add viewer or editor access for one user.
 * 4. A document that does not exist yet may be created by any `staff` user; it is then owned by
 *    the creator's units.
 * 5. Anything else, and any disabled user: no access. The strongest applicable role wins.
 */
export const UserRole = z.enum(['admin', 'staff', 'reader']);
export type UserRole = z.infer<typeof UserRole>;
export const DocRole = z.enum(['viewer', 'editor']);
export type DocRole = z.infer<typeof DocRole>;

export interface AccessSubject {
  role: UserRole;
  units: readonly string[];
  disabled: boolean;
}

export interface DocAccessFacts {
  exists: boolean;
  owners: readonly string[];
  grant: DocRole | null;
}

export function decideAccess(user: AccessSubject | null, doc: DocAccessFacts): DocRole | null {
  if (!user || user.disabled) return null;
  if (user.role === 'admin') return 'editor';
  let role: DocRole | null = doc.grant;
  if (!doc.exists && user.role === 'staff') return 'editor';
  if (user.units.some((unit) => doc.owners.includes(unit))) {
    role = stronger(role, user.role === 'staff' ? 'editor' : 'viewer');
  }
  return role;
}

export function stronger(a: DocRole | null, b: DocRole | null): DocRole | null {
  if (a === 'editor' || b === 'editor') return 'editor';
  return a ?? b;
}

/** The units a record names in its fields; they own it alongside its explicit owners. */
export function contentOwnersOf(doc: Y.Doc): string[] {
  const fields = doc.getMap<unknown>('fields');
  const units = new Set<string>();
  for (const key of ['lead', 'responsible']) {
    let value = fields.get(key);
    if (value instanceof Y.Array) value = value.toArray();
    if (!Array.isArray(value)) continue;
    for (const unit of value) if (typeof unit === 'string' && unit.length > 0 && unit.length <= 100) units.add(unit);
    if (units.size > 200) break;
  }
  return [...units].sort();
}
