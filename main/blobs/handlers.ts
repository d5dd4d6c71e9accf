import type { Handlers } from '../../core/ipc/dispatch';
import type { BlobServices } from './services';

/**
 * The contract's `blobs.*` (core/ipc/blobs.ts), for every area: the profile's blob store and the
 * renderer's uploads. Reading a blob needs no record id: the profile holds only what its user may
 * see, and a blob is served only once checked against its SM3.
 */
export function blobHandlers(services: BlobServices): Handlers['blobs'] {
  return {
    begin: (input) => services.uploads.begin(input),
    put: (input) => services.uploads.put(input),
    finish: (input) => services.uploads.finish(input),
    cancel: (input) => services.uploads.cancel(input),
    read: async ({ sm3, offset, length }) => {
      const blobs = services.store;
      const { data, size } = await blobs.read(sm3, offset, length);
      return { dataBase64: Buffer.from(data.buffer, data.byteOffset, data.length).toString('base64'), size };
    },
    status: ({ sm3s }) => {
      const blobs = services.store;
      // Asked about a blob it does not know (a record arrived before its refs were noted): fetch it.
      for (const sm3 of sm3s) if (!blobs.row(sm3)) blobs.want(sm3, null);
      return { blobs: blobs.status(sm3s) };
    },
  };
}
