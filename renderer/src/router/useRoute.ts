import { useMemo, useSyncExternalStore } from 'react';
import { parseHash, type Route } from './hash';

const NAVIGATE_EVENT = 'xietong:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentHash = (): string => window.location.hash;

/** The current hash route; re-renders on every change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseHash(hash), [hash]);
}

/** Goes to a `#/…` location. `replace` keeps the back button from stepping through filter changes. */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (hash === window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  } else {
    window.location.hash = hash;
  }
}
