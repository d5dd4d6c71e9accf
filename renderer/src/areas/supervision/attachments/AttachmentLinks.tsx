import { PaperClipOutlined } from '@ant-design/icons';
import { App, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatFileSize, type AttachmentItem } from '../../../../../core/supervision/attachments';
import { api } from '../../../bridge';
import { downloadBase64 } from '../../../shared/download';

/**
 * Attachments of a report or 办结申请: a file stored in the item is a download link (by the name
 * it was reported under); a bare name from an old log is plain text marked 仅有文件名.
 */
export function AttachmentLinks({ recordId, items, label = '附件' }: { recordId: string; items: readonly AttachmentItem[]; label?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  if (!items.length) return null;
  const download = async (name: string, sm3: string) => {
    setBusy(sm3);
    const result = await api.supervision.readFile({ id: recordId, sm3 });
    setBusy(null);
    if (!result.ok) message.error(result.error.message);
    else downloadBase64(result.value.dataBase64, result.value.mime, name);
  };
  return (
    <Flex gap={4} wrap align="center" data-testid="attachment-links">
      <Typography.Text type="secondary">{label}:</Typography.Text>
      {items.map(({ name, sm3, size }, i) =>
        sm3 !== null ? (
          <Typography.Link key={`${i}:${sm3}`} data-testid="attachment-link" disabled={busy === sm3} onClick={() => void download(name, sm3)}>
            <PaperClipOutlined /> {name}
            {size !== null ? <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>({formatFileSize(size)})</Typography.Text> : null}
          </Typography.Link>
        ) : (
          <span key={`${i}:name`} data-testid="attachment-name-only">
            <Typography.Text>{name}</Typography.Text>
            <Tag style={{ marginInlineStart: 4 }}>仅有文件名</Tag>
          </span>
        ),
      )}
    </Flex>
  );
}
