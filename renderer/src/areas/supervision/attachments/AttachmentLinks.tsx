import { PaperClipOutlined } from '@ant-design/icons';
import { App, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { blobStateLabel } from '../../../../../core/ipc/blobs';
import { formatFileSize, type AttachmentItem } from '../../../../../core/supervision/attachments';
import { api } from '../../../bridge';
import { downloadBlob } from '../../../shared/blob-download';
import { useBlobStatus } from '../../../shared/useBlobStatus';

/**
 * Attachments of a report or 办结申请: a file on this machine is a download link (saved under the
 * name it was reported under, after its SM3 is checked); one still on its way shows 附件同步中
 * with its progress, one not fetched yet 未同步; a bare name from an old log is 仅有文件名.
 */
export function AttachmentLinks({ items, label = '附件' }: { items: readonly AttachmentItem[]; label?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const status = useBlobStatus(items.flatMap((i) => (i.sm3 ? [i.sm3] : [])));
  if (!items.length) return null;
  const download = async (item: AttachmentItem & { sm3: string; size: number }) => {
    setBusy(item.sm3);
    const result = await downloadBlob(api, { name: item.name, sm3: item.sm3, size: item.size, ...(item.mime ? { mime: item.mime } : {}) });
    setBusy(null);
    if (!result.ok) message.error(result.error.message);
  };
  return (
    <Flex gap={4} wrap align="center" data-testid="attachment-links">
      <Typography.Text type="secondary">{label}:</Typography.Text>
      {items.map((item, i) => {
        const { name, sm3, size } = item;
        if (sm3 === null || size === null) {
          return (
            <span key={`${i}:name`} data-testid="attachment-name-only">
              <Typography.Text>{name}</Typography.Text>
              <Tag style={{ marginInlineStart: 4 }}>仅有文件名</Tag>
            </span>
          );
        }
        const s = status.get(sm3);
        const sizeText = <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>({formatFileSize(size)})</Typography.Text>;
        if (s && s.state !== 'present') {
          const percent = s.state === 'syncing' && size > 0 ? ` ${Math.floor((s.received / size) * 100)}%` : '';
          return (
            <span key={`${i}:${sm3}`} data-testid="attachment-pending">
              <PaperClipOutlined /> <Typography.Text>{name}</Typography.Text>
              {sizeText}
              <Tag color={s.state === 'syncing' ? 'processing' : 'default'} style={{ marginInlineStart: 4 }}>
                {blobStateLabel(s)}
                {percent}
              </Tag>
            </span>
          );
        }
        return (
          <Typography.Link key={`${i}:${sm3}`} data-testid="attachment-link" disabled={!s || busy === sm3} onClick={() => void download({ ...item, sm3, size })}>
            <PaperClipOutlined /> {name}
            {sizeText}
          </Typography.Link>
        );
      })}
    </Flex>
  );
}
