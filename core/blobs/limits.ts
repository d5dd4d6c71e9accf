/**
 * Sizes shared by the app, the web host and the sync server. A file is one blob of at most
 * `maxBlobBytes` (200 MiB by default: a profile setting in the app, `--max-blob-mib` on the
 * server); no request or IPC message ever carries more than one chunk of it.
 */
export const MiB = 1024 * 1024;
export const DEFAULT_MAX_BLOB_MIB = 200;
/** The largest limit either side may be configured to (and the largest size an event may name). */
export const MAX_BLOB_MIB_CEILING = 4096;
export const MAX_BLOB_BYTES_CEILING = MAX_BLOB_MIB_CEILING * MiB;
/** One `blobs.put` / `blobs.read` chunk across IPC or the web host's JSON body. */
export const IPC_CHUNK_BYTES = MiB;
/** Base64 of one IPC chunk, rounded up to whole groups: larger input is refused before decoding. */
export const IPC_CHUNK_BASE64 = Math.ceil(IPC_CHUNK_BYTES / 3) * 4;
/** One HTTP `PUT /blobs/<sm3>` request of the engine (each request is short; the file is not). */
export const HTTP_CHUNK_BYTES = 8 * MiB;

/** Lowercase hex SM3: the only accepted blob name. */
export const SM3_HEX = /^[0-9a-f]{64}$/;
export const isSm3Hex = (value: unknown): value is string => typeof value === 'string' && SM3_HEX.test(value);

/** Where a blob lives below a blob folder: `ab/<sm3>` (256 sub-folders keep directories small). */
export const blobRelPath = (sm3: string): string => `${sm3.slice(0, 2)}/${sm3}`;

/** "1.2 MB" / "35 KB" / "12 B" for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
