import { MiB } from '../../../core/blobs/limits';
import { intFlag, type ParsedArgs } from '../../app/args';
import { BlobStore } from '../../blobs/blob-store';
import { UsageError, withStore, type CliIO } from '../context';

export const blobsHelp = 'oa blobs limit --data DIR [--mib N] [--json]   查看或设置本机单个附件的大小上限(默认 200 MiB)';

/** `oa blobs limit`: the profile's largest file (main/blobs), shown or set. */
export function blobs(args: ParsedArgs, io: CliIO): number {
  if (args.positional[0] !== 'limit') throw new UsageError('未知的子命令,应为 limit');
  const mib = args.flags.has('mib') ? intFlag(args, 'mib', 0) : null;
  const limit = withStore(args, (store) => {
    const blobStore = BlobStore.open({ dir: store.dir });
    try {
      if (mib !== null) blobStore.setMaxMib(mib);
      return blobStore.maxBytes() / MiB;
    } finally {
      blobStore.close();
    }
  });
  io.out(args.flags.has('json') ? JSON.stringify({ maxMib: limit }) : `本机单个附件上限:${limit} MiB`);
  return 0;
}
