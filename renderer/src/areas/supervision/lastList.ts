import { buildHash } from '../../router/hash';

/** The list URL (with its filters) the user last saw, so 返回 from a detail page keeps them. */
let lastListHash = buildHash(['supervision']);

export const rememberListHash = (hash: string): void => {
  lastListHash = hash;
};
export const listHash = (): string => lastListHash;
