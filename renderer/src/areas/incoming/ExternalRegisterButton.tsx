import { Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { BlobRef } from '../../../../core/kernel/event';
import type { AppErrorShape } from '../../../../core/result';
import { incomingArea } from '../../../../core/incoming/area';
import { CREATE } from '../../../../core/kernel/event';
import { api } from '../../bridge';
import { useSession } from '../settings/sessionStore';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { IntakeDropZone } from './intake/IntakeDropZone';
import { incomingHref } from './links';

interface ExternalForm {
  title: string;
  issuer: string;
  docNumber?: string;
  writtenDate?: string;
  issuedDate?: string;
  mainRecipients?: string[];
  ccRecipients?: string[];
  publicity?: string;
  urgency?: '' | '加急' | '特急';
  dueDate?: Dayjs;
  body?: string;
}

const DAY = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 2022-06-28 的格式填写' };

/**
 * 来文登记: a 公文 received from outside the system. The clerk drops its file (PDF, DOCX, OFD) on
 * the form, which fills what intake finds, checks and completes the rest, and 登记s it: the 收文
 * is created and numbered in one step, the file kept as its 原件 (incoming.registerExternal).
 */
export function ExternalRegisterButton() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [original, setOriginal] = useState<BlobRef | null>(null);
  const [form] = Form.useForm<ExternalForm>();
  const { info } = useSession();
  const close = () => {
    setOpen(false);
    setOriginal(null);
    setError(null);
  };
  const submit = async ({ dueDate, urgency, ...v }: ExternalForm) => {
    setBusy(true);
    setError(null);
    const result = await api.incoming.registerExternal({
      ...v,
      docNumber: v.docNumber ?? '',
      writtenDate: v.writtenDate || null,
      issuedDate: v.issuedDate || null,
      mainRecipients: v.mainRecipients ?? [],
      ccRecipients: v.ccRecipients ?? [],
      publicity: v.publicity ?? '',
      urgency: urgency ?? '',
      dueDate: dueDate ? dueDate.format('YYYY-MM-DD') : null,
      body: v.body ?? '',
      original,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    close();
    window.location.hash = incomingHref(result.value.id);
  };
  // Offered to whom 收文's can() lets create one (the office, the 督查室); the handler asks the same.
  if (!info || incomingArea.can(info.current, { type: CREATE }, incomingArea.initial()) !== null) return null;
  return (
    <>
      <Button type="primary" data-testid="register-external" onClick={() => setOpen(true)}>
        来文登记
      </Button>
      <Modal open={open} title="来文登记" width={720} okText="登记" cancelText="取消" confirmLoading={busy} onCancel={close} onOk={() => form.submit()} destroyOnHidden>
        <ErrorAlert error={error} />
        <Form<ExternalForm> form={form} layout="vertical" initialValues={{ urgency: '' }} onFinish={(v) => void submit(v)} data-testid="external-form">
          <IntakeDropZone form={form} fieldNames={{ printer: null }} onExtracted={(r) => setOriginal(r.original)} />
          {original ? <div data-testid="external-original">原件:{original.name}</div> : null}
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input data-testid="external-title" maxLength={200} />
          </Form.Item>
          <Form.Item name="issuer" label="来文单位" rules={[{ required: true, whitespace: true, message: '请填写来文单位' }]}>
            <Input data-testid="external-issuer" maxLength={100} />
          </Form.Item>
          <Form.Item name="docNumber" label="来文字号">
            <Input data-testid="external-doc-number" maxLength={60} />
          </Form.Item>
          <Form.Item name="writtenDate" label="成文日期" rules={[DAY]}>
            <Input placeholder="2022-06-28" maxLength={10} />
          </Form.Item>
          <Form.Item name="mainRecipients" label="主送">
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="ccRecipients" label="抄送">
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="issuedDate" label="印发日期" rules={[DAY]}>
            <Input placeholder="2022-06-28" maxLength={10} />
          </Form.Item>
          <Form.Item name="publicity" label="公开属性">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度">
            <Select options={[{ value: '', label: '平件' }, { value: '加急', label: '加急' }, { value: '特急', label: '特急' }]} />
          </Form.Item>
          <Form.Item name="dueDate" label="办理时限">
            <DatePicker />
          </Form.Item>
          <Form.Item name="body" label="正文">
            <Input.TextArea rows={6} data-testid="external-body" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
