import { z } from 'zod';

/**
 * Who may see and edit a document (the rule is documented in sync-server/README.md):
 * 1. `admin` users are editors of every document.
 * 2. A record is owned by units: its creator's unit (from its `create` event), the units its
 *    area's access rule names from its events (a 督办事项's assigned units), and the units set by
 *    `oa acl owners`. Fields never grant access: they are unsigned edits. Members of an owning
 *    unit are editors (`staff`) or viewers (`reader`).
 * 3. Explicit grants (`oa acl grant`) add viewer or editor access for one user.
 * 4. A record that does not exist yet (no `create` event) may be created by any `staff` user; it
 *    is then owned by the creator's unit. Until then the name holds nothing to read or write.
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
