import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_MAX_BLOB_MIB } from '../../../../../core/blobs/limits';
import { formatFileSize, type AttachmentRef } from '../../../../../core/supervision/attachments';
import { api } from '../../../bridge';
import { uploadBlob } from '../../../shared/blob-upload';
import { UPLOADING_MESSAGE } from './upload-gate';

interface Props {
  /** The 督办 item the files are for. */
  recordId: string;
  /** Set by Form.Item: the refs to send with the action. */
  value?: AttachmentRef[];
  onChange?: (refs: AttachmentRef[]) => void;
  /** Told when a file starts or finishes uploading (the dialog cannot submit meanwhile). */
  onUploadingChange?: (uploading: boolean) => void;
}

/**
 * Attachments of 进展反馈 / 办结申请 as a form control. Each file goes to the profile's blob store in
 * 1 MiB chunks with its progress shown (blobs.*), then supervision.attachFile checks it may be
 * added to the item and gives its ref; the file reaches the record (and the sync server) only
 * with the action that names it, so removing a file just drops its ref.
 */
export function AttachmentUpload({ recordId, value = [], onChange, onUploadingChange }: Props) {
  const [progress, setProgress] = useState<Record<string, { name: string; percent: number }>>({});
  const busy = Object.keys(progress).length > 0;
  useEffect(() => {
    onUploadingChange?.(busy);
  }, [busy, onUploadingChange]);
  const [error, setError] = useState<string | null>(null);
  // Several files chosen at once finish in any order: each change starts from the latest list.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const change = (refs: AttachmentRef[]) => {
    latest.current = refs;
    onChange?.(refs);
  };
  const upload = async (file: File, key: string) => {
    const show = (percent: number) => setProgress((p) => ({ ...p, [key]: { name: file.name, percent } }));
    show(0);
    try {
      const sent = await uploadBlob(api, file, file.name, file.type, { onProgress: (done, total) => show(total ? Math.floor((done / total) * 100) : 100) });
      const result = sent.ok ? await api.supervision.attachFile({ id: recordId, ...sent.value }) : sent;
      if (!result.ok) setError(result.error.message);
      else if (!latest.current.some((r) => r.sm3 === result.value.sm3 && r.name === result.value.name)) change([...latest.current, result.value]);
    } catch (err) {
      setError(`无法读取文件“${file.name}”:${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setProgress(({ [key]: _done, ...rest }) => rest);
    }
  };
  return (
    <Flex vertical gap={4} data-testid="attachment-upload">
      <Upload
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          setError(null);
          void upload(file, file.uid);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="attachment-choose">
          选择文件
        </Button>
      </Upload>
      <Typography.Text type="secondary">单个文件一般不超过 {DEFAULT_MAX_BLOB_MIB} MB(以本机设置为准),大文件分块上传</Typography.Text>
      {busy ? (
        <Typography.Text type="warning" data-testid="attachment-uploading">
          {UPLOADING_MESSAGE}
        </Typography.Text>
      ) : null}
      {Object.entries(progress).map(([key, p]) => (
        <Flex key={key} gap={8} align="center" data-testid="attachment-progress">
          <Typography.Text type="secondary">{p.name}</Typography.Text>
          <Progress percent={p.percent} size="small" style={{ width: 160, margin: 0 }} />
        </Flex>
      ))}
      {value.map((ref, i) => (
        <Flex key={`${ref.sm3}:${ref.name}`} gap={8} align="center" data-testid="attachment-item">
          <PaperClipOutlined />
          <Typography.Text>{ref.name}</Typography.Text>
          <Typography.Text type="secondary">{formatFileSize(ref.size)}</Typography.Text>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={`移除 ${ref.name}`}
            data-testid="attachment-remove"
            onClick={() => change(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      {error ? (
        <Typography.Text type="danger" data-testid="attachment-error">
          {error}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
