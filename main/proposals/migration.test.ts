import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { createRegistry } from '../../core/kernel/registry';
import { PROPOSAL_KIND } from '../../core/proposals/model';
import { PROPOSAL_MIGRATIONS } from '../../core/proposals/projection';
import { areaVersions } from '../store/area-migrate';
import { Store } from '../store/store';
import { removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { proposalRepo } from './repository';

afterEach(() => removeTempDirs());

/**
 * The 提案建议 projection's migrations, 0 → 1 (its only one so far): a profile made by a build
 * without the area gets the tables when this build opens it, keeps everything it had, and lists
 * proposals at once.
 */
describe('提案建议 projection migrations', () => {
  it('0 → 1: an existing profile gains the proposals tables and keeps its records', () => {
    expect(PROPOSAL_MIGRATIONS).toHaveLength(1);
    const dir = tempDir();
    const before = Store.open({ dir, registry: createRegistry(AREAS.areas.filter((a) => a.kind !== PROPOSAL_KIND)) });
    const kept = before.create('supervision', supervision({ title: '升级前的督办事项' }));
    expect(Object.fromEntries(areaVersions(before.use((d) => d)))).not.toHaveProperty(PROPOSAL_KIND);
    before.close();

    const after = Store.open({ dir });
    expect(Object.fromEntries(areaVersions(after.use((d) => d)))).toMatchObject({ proposal: 1, supervision: 2 });
    expect(after.has(kept)).toBe(true);
    expect(proposalRepo(after).list({ offset: 0, limit: 10 }, '2024-01-22')).toEqual({ rows: [], total: 0 });
    after.close();
  });
});
