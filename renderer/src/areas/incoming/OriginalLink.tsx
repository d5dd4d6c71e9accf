import { App, Typography } from 'antd';
import { useState } from 'react';
import type { BlobRef } from '../../../../core/kernel/event';
import { api } from '../../bridge';
import { downloadBlob } from '../../shared/blob-download';

/** The 原件 of a 来文 registered from its file: saved under its name once its SM3 is checked. */
export function OriginalLink({ original }: { original: BlobRef }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const result = await downloadBlob(api, original);
    setBusy(false);
    if (!result.ok) message.error(result.error.message);
  };
  return (
    <Typography.Link data-testid="incoming-original" disabled={busy} onClick={() => void save()}>
      {original.name}
      {busy ? '(正在保存…)' : ''}
    </Typography.Link>
  );
}
