import type { Store } from '../store/store';
import { supervisionRepo } from './repository';

/**
 * The 文号 of a 公文 drafted by 督办 (the 通报), allocated once per document: the document keeps it
 * when it is regenerated. Every caller goes through this one function, so it can be switched to
 * the server's 编号 service (idempotent per document, branch docs) in one place.
 *
 * Until then, PROVISIONAL and local: the next free number of the year among this profile's
 * documents with the same prefix (督查通报〔2022〕N号). Two offices allocating offline may still
 * pick the same number; only the server can rule that out.
 */
export interface DocNumberRequest {
  /** The document it is for: a document that has a number keeps it. */
  documentId: string | null;
  /** 机关代字, e.g. 督查通报. */
  prefix: string;
  year: number;
}

const numberOf = (docNumber: string, prefix: string, year: number): number | null => {
  const m = new RegExp(`^${prefix}〔${year}〕(\\d+)号$`).exec(docNumber);
  return m?.[1] ? Number(m[1]) : null;
};

export function allocateDocNumber(store: Store, req: DocNumberRequest): string {
  // The 发文 projection (`documents`) lives in the same profile database.
  const db = supervisionRepo(store).database;
  if (req.documentId) {
    const own = db.prepare('SELECT doc_number FROM documents WHERE id = ?').pluck().get(req.documentId) as string | undefined;
    if (own && numberOf(own, req.prefix, req.year) !== null) return own;
  }
  const taken = (db.prepare('SELECT doc_number FROM documents WHERE doc_number LIKE ?').pluck().all(`${req.prefix}〔${req.year}〕%`) as string[])
    .map((n) => numberOf(n, req.prefix, req.year))
    .filter((n): n is number => n !== null);
  return `${req.prefix}〔${req.year}〕${Math.max(0, ...taken) + 1}号`;
}
