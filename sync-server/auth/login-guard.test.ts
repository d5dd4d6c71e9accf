import { describe, expect, it } from 'vitest';
import { LoginGuard } from './login-guard';

function guard(overrides: Partial<ConstructorParameters<typeof LoginGuard>[0]> = {}) {
  let t = 1_000_000;
  const g = new LoginGuard({ now: () => t, ...overrides });
  return { g, advance: (ms: number) => (t += ms) };
}

describe('LoginGuard', () => {
  it('blocks a login after its free failures, doubling the wait up to the cap, and forgets it after a success', () => {
    const { g, advance } = guard({ perLogin: { free: 3, baseMs: 1000, maxMs: 4000 } });
    g.failed('a', 'zhang');
    g.failed('a', 'zhang');
    expect(g.blocked('a', 'zhang')).toBeNull();
    g.failed('a', 'zhang');
    expect(g.blocked('a', 'zhang')).toEqual({ retryAfterMs: 1000 });
    expect(g.blocked('a', 'li')).toBeNull();
    advance(1000);
    g.failed('a', 'zhang');
    expect(g.blocked('a', 'zhang')).toEqual({ retryAfterMs: 2000 });
    advance(2000);
    g.failed('a', 'zhang');
    g.failed('a', 'zhang');
    expect(g.blocked('a', 'zhang')).toEqual({ retryAfterMs: 4000 });
    g.succeeded('zhang');
    expect(g.blocked('a', 'zhang')).toBeNull();
  });

  it('blocks an address after its own budget, whichever logins it tried; a success does not reset it', () => {
    const { g } = guard({ perAddress: { free: 3, baseMs: 5000, maxMs: 60_000 } });
    for (const login of ['a', 'b', 'c']) g.failed('10.0.0.9', login);
    g.succeeded('d');
    expect(g.blocked('10.0.0.9')).toEqual({ retryAfterMs: 5000 });
    expect(g.blocked('10.0.0.8', 'd')).toBeNull();
  });

  it('forgets failures some time after the last one', () => {
    const { g, advance } = guard({ perLogin: { free: 3, baseMs: 1000, maxMs: 4000 }, forgetMs: 60_000 });
    g.failed('a', 'zhang');
    g.failed('a', 'zhang');
    advance(60_001);
    g.failed('a', 'zhang');
    expect(g.blocked('a', 'zhang')).toBeNull();
  });

  it('gives each address its own slots, released once', () => {
    const { g } = guard({ slotsPerAddress: 2 });
    const one = g.takeSlot('a')!;
    g.takeSlot('a');
    expect(g.takeSlot('a')).toBeNull();
    expect(g.takeSlot('b')).not.toBeNull();
    one();
    one();
    expect(g.takeSlot('a')).not.toBeNull();
    expect(g.takeSlot('a')).toBeNull();
  });

  it('rate-limits challenges per address with a bucket that refills', () => {
    const { g, advance } = guard({ challengesPerMinute: 60, challengeBurst: 2 });
    expect(g.challenge('a')).toBeNull();
    expect(g.challenge('a')).toBeNull();
    expect(g.challenge('a')).toEqual({ retryAfterMs: 1000 });
    expect(g.challenge('b')).toBeNull();
    advance(1000);
    expect(g.challenge('a')).toBeNull();
  });

  it('keeps at most maxEntries keys, forgetting the oldest', () => {
    const { g } = guard({ perAddress: { free: 1, baseMs: 1000, maxMs: 1000 }, maxEntries: 2 });
    g.failed('a');
    g.failed('b');
    g.failed('c');
    expect(g.blocked('a')).toBeNull();
    expect(g.blocked('b')).not.toBeNull();
    expect(g.blocked('c')).not.toBeNull();
  });
});
