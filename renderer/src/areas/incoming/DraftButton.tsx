import { Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { AppErrorShape } from '../../../../core/result';
import { DocKind } from '../../../../core/documents/model';
import { DOC_TEMPLATES } from '../../../../core/documents/templates';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { outgoingHref } from './links';

interface DraftForm {
  docKind: DocKind;
  title?: string;
  issuerCode?: string;
  urgency?: '' | '加急' | '特急';
}

/** 拟稿: choose one of the 15 文种; its template fills the fields and the body outline. */
export function DraftButton() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [form] = Form.useForm<DraftForm>();
  const kind = Form.useWatch('docKind', form);
  const submit = async (values: DraftForm) => {
    setBusy(true);
    setError(null);
    const result = await api.documents.draft({ docKind: values.docKind, ...(values.title ? { title: values.title } : {}), ...(values.issuerCode ? { issuerCode: values.issuerCode } : {}), ...(values.urgency ? { urgency: values.urgency } : {}) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setOpen(false);
    window.location.hash = outgoingHref(result.value.id);
  };
  return (
    <>
      <Button type="primary" data-testid="draft-document" onClick={() => setOpen(true)}>
        拟稿
      </Button>
      <Modal open={open} title="拟稿" okText="起草" cancelText="取消" confirmLoading={busy} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <ErrorAlert error={error} />
        <Form<DraftForm> form={form} layout="vertical" initialValues={{ docKind: '通知', urgency: '' }} onFinish={(v) => void submit(v)} data-testid="draft-form">
          <Form.Item name="docKind" label="文种" extra={kind ? DOC_TEMPLATES[kind].purpose : null}>
            <Select data-testid="draft-kind" options={DocKind.options.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" extra={kind ? `模板:${DOC_TEMPLATES[kind].title}` : null}>
            <Input data-testid="draft-title" maxLength={200} />
          </Form.Item>
          <Form.Item name="issuerCode" label="机关代字" extra="编号时使用,如 厦府办">
            <Input data-testid="draft-issuer-code" maxLength={20} />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度">
            <Select options={[{ value: '', label: '平件' }, { value: '加急', label: '加急' }, { value: '特急', label: '特急' }]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
