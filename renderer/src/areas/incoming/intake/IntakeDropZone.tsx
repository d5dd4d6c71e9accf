import { InboxOutlined } from '@ant-design/icons';
import { Alert, Flex, Typography, Upload, type FormInstance } from 'antd';
import { useState } from 'react';
import type { IntakeExtract } from '../../../../../core/ipc/intake';
import { api } from '../../../bridge';
import { uploadBlob } from '../../../shared/blob-upload';
import { intakeFormUpdate, type IntakeFieldMap } from './form-values';

interface Props {
  /** The 登记 form: found fields are filled, the others marked 未能从文件中识别. */
  form: FormInstance;
  /** Told once a file is read: keep `result.original` (BlobRef) for the 登记 event's 原件. */
  onExtracted?: (result: IntakeExtract) => void;
  /** The form's names where they differ from the 收文 fields (null: not on the form); 正文 is `body`. */
  fieldNames?: IntakeFieldMap;
}

const FORMAT = { pdf: 'PDF', docx: 'Word', ofd: 'OFD', text: '文本' } as const;

/**
 * Drop a received 公文 (PDF, DOCX, OFD) on 收文 登记: the file goes to the blob store (it becomes
 * the record's 原件), main reads its text and its 9704 header and 版记 (intake.extract), and the
 * form is filled. A document marked 秘密/机密/绝密 is refused here, as 登记 refuses it.
 */
export function IntakeDropZone({ form, onExtracted, fieldNames }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const read = async (file: File) => {
    setError(null);
    setDone(null);
    setBusy(`正在上传并识别“${file.name}”…`);
    try {
      const uploaded = await uploadBlob(api, file, file.name, file.type);
      if (!uploaded.ok) return setError(uploaded.error.message);
      const result = await api.intake.extract({ sm3: uploaded.value.sm3, name: uploaded.value.name, mime: uploaded.value.mime });
      if (!result.ok) return setError(result.error.message);
      if (result.value.secrecy) return setError(`文件标有密级(${result.value.secrecy}):本系统不处理涉密公文,请通过机要渠道办理`);
      const update = intakeFormUpdate(result.value, fieldNames);
      form.setFieldsValue(update.values);
      form.setFields(update.marks.map((m) => ({ name: m.name, warnings: m.warnings })));
      onExtracted?.(result.value);
      const found = `已从${FORMAT[result.value.format]}文件识别版头和版记`;
      setDone(update.missingLabels.length ? `${found};未能识别:${update.missingLabels.join('、')},请核对补充` : `${found},请核对`);
    } catch (err) {
      setError(`无法读取文件“${file.name}”:${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={8} data-testid="intake-drop-zone">
      <Upload.Dragger
        accept=".pdf,.docx,.ofd,.txt"
        multiple={false}
        showUploadList={false}
        disabled={busy !== null}
        beforeUpload={(file) => {
          void read(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">将来文拖到此处,或点击选择文件</p>
        <p className="ant-upload-hint">支持 PDF、Word(DOCX)、OFD:自动识别发文机关、发文字号、标题、主送、成文日期、抄送、印发和公开属性,原文件作为原件保存</p>
      </Upload.Dragger>
      {busy ? <Typography.Text type="secondary">{busy}</Typography.Text> : null}
      {done ? <Alert type="success" showIcon message={done} data-testid="intake-result" /> : null}
      {error ? <Alert type="error" showIcon message={error} data-testid="intake-error" /> : null}
    </Flex>
  );
}
