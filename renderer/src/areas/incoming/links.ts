import { buildHash } from '../../router/hash';

/** Where a 收文 record opens. */
export const incomingHref = (id: string): string => buildHash(['documents', id]);
/** Where a 发文 record (kind `document`) opens. */
export const outgoingHref = (id: string): string => buildHash(['documents', 'outgoing', id]);
