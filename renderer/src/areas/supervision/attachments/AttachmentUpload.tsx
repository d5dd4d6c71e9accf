import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatFileSize, MAX_FILE_BYTES, type AttachmentRef } from '../../../../../core/supervision/attachments';
import { api } from '../../../bridge';
import { fileToBase64 } from './base64';
import { UPLOADING_MESSAGE } from './upload-gate';

interface Props {
  /** The 督办 item the files are stored in. */
  recordId: string;
  /** Set by Form.Item: the refs to send with the action. */
  value?: AttachmentRef[];
  onChange?: (refs: AttachmentRef[]) => void;
  /** Told when a file starts or finishes uploading (the dialog cannot submit meanwhile). */
  onUploadingChange?: (uploading: boolean) => void;
}

/**
 * Attachments of 进展反馈 / 办结申请 as a form control. Each file is checked and staged by main at
 * once (supervision.attachFile) and only written into the item with the action that names it; the
 * form keeps the refs until then, so removing a file just drops its ref.
 */
export function AttachmentUpload({ recordId, value = [], onChange, onUploadingChange }: Props) {
  const [uploading, setUploading] = useState(0);
  const busy = uploading > 0;
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
  const upload = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      setError(`单个附件不能超过 5 MB,“${file.name}”过大(${formatFileSize(file.size)})`);
      return;
    }
    setUploading((n) => n + 1);
    try {
      const dataBase64 = await fileToBase64(file);
      const result = await api.supervision.attachFile({ id: recordId, name: file.name, mime: file.type, dataBase64 });
      if (!result.ok) setError(result.error.message);
      else if (!latest.current.some((r) => r.sm3 === result.value.sm3 && r.name === result.value.name)) change([...latest.current, result.value]);
    } catch (err) {
      setError(`无法读取文件“${file.name}”:${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setUploading((n) => n - 1);
    }
  };
  return (
    <Flex vertical gap={4} data-testid="attachment-upload">
      <Upload
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          setError(null);
          void upload(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="attachment-choose">
          选择文件
        </Button>
      </Upload>
      <Typography.Text type="secondary">单个文件不超过 5 MB,每个事项附件合计不超过 12 MB</Typography.Text>
      {busy ? (
        <Typography.Text type="warning" data-testid="attachment-uploading">
          {UPLOADING_MESSAGE}
        </Typography.Text>
      ) : null}
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
