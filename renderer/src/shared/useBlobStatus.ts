import { useEffect, useState } from 'react';
import type { BlobStatus } from '../../../core/ipc/blobs';
import { api } from '../bridge';

/** How often the status of files still on their way is asked again (附件同步中 progress). */
const POLL_MS = 1500;

/**
 * The status of some blobs on this machine (blobs.status): 本机已有 / 附件同步中 (bytes so far) /
 * 未同步, asked again every 1.5 s while any of them has not arrived yet. Asking marks an unknown
 * blob as wanted, so the sync engine fetches it.
 */
export function useBlobStatus(sm3s: readonly string[]): Map<string, BlobStatus> {
  const key = [...new Set(sm3s)].sort().join(',');
  const [status, setStatus] = useState(new Map<string, BlobStatus>());
  useEffect(() => {
    if (!key) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const result = await api.blobs.status({ sm3s: key.split(',') });
      if (stopped) return;
      if (result.ok) setStatus(new Map(result.value.blobs.map((b) => [b.sm3, b])));
      if (!result.ok || result.value.blobs.some((b) => b.state !== 'present')) timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);
  return status;
}
