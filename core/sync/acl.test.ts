import { describe, expect, it } from 'vitest';
import { decideAccess } from './acl';

const doc = (owners: string[], grant: 'viewer' | 'editor' | null = null) => ({ exists: true, owners, grant });

describe('the access rule', () => {
  it('admins edit everything; members by role; grants add; others nothing', () => {
    expect(decideAccess({ role: 'admin', units: [], disabled: false }, doc([]))).toBe('editor');
    expect(decideAccess({ role: 'staff', units: ['A'], disabled: false }, doc(['A']))).toBe('editor');
    expect(decideAccess({ role: 'reader', units: ['A'], disabled: false }, doc(['A']))).toBe('viewer');
    expect(decideAccess({ role: 'reader', units: ['A'], disabled: false }, doc(['A'], 'editor'))).toBe('editor');
    expect(decideAccess({ role: 'staff', units: ['B'], disabled: false }, doc(['A']))).toBeNull();
    expect(decideAccess({ role: 'staff', units: ['B'], disabled: false }, doc(['A'], 'viewer'))).toBe('viewer');
    expect(decideAccess({ role: 'staff', units: ['A'], disabled: true }, doc(['A']))).toBeNull();
    expect(decideAccess(null, doc(['A']))).toBeNull();
  });

  it('lets staff, not readers, create a document that does not exist yet', () => {
    expect(decideAccess({ role: 'staff', units: ['A'], disabled: false }, { exists: false, owners: [], grant: null })).toBe('editor');
    expect(decideAccess({ role: 'reader', units: ['A'], disabled: false }, { exists: false, owners: [], grant: null })).toBeNull();
  });
});
