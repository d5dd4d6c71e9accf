import type { AnyArea } from './area';

/**
 * The areas a process knows. Generic code receives a registry (through options, defaulting to
 * core/areas.ts's AREAS) and asks it for the area of a record kind; it never imports an area.
 */
export interface AreaRegistry {
  readonly areas: readonly AnyArea[];
  byKind(kind: string): AnyArea | undefined;
  /** The area of `kind`; throws a plain Error for a kind nobody registered (a programming error). */
  get(kind: string): AnyArea;
  kinds(): string[];
}

export function createRegistry(areas: readonly AnyArea[]): AreaRegistry {
  const map = new Map<string, AnyArea>();
  for (const area of areas) {
    if (map.has(area.kind)) throw new Error(`area registered twice: ${area.kind}`);
    map.set(area.kind, area);
  }
  return {
    areas: [...areas],
    byKind: (kind) => map.get(kind),
    get(kind) {
      const area = map.get(kind);
      if (!area) throw new Error(`no area for kind ${kind}`);
      return area;
    },
    kinds: () => [...map.keys()],
  };
}
