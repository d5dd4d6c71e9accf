import { Button, Card, Form, Input, Select, Space, message } from 'antd';
import { useState } from 'react';
import type { RepeatOffer } from '../../../../core/ipc/petitions';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { PageHeader } from '../../shared/PageHeader';
import { readPicked } from './AttachmentsCard';
import { chosenLinks, RepeatOffers, type Choices } from './RepeatOffers';

interface PersonForm { name: string; idNumber?: string; phone?: string; address?: string }
interface CaseForm { channel: string; category: string; hotlineType?: string; matter: string; locality?: string; persons?: PersonForm[] }

const opts = (list: string[]) => list.map((v) => ({ value: v, label: v }));

/** 登记: the case with its petitioners (联名: several; none: 匿名), compared for repeats before it is saved. */
export function RegisterPage() {
  const [form] = Form.useForm<CaseForm>();
  const [offers, setOffers] = useState<RepeatOffer[] | null>(null);
  // The registrar's choice per match: nothing is linked or merged unless chosen here.
  const [chosen, setChosen] = useState<Choices>({});
  const [busy, setBusy] = useState(false);
  // 来信原件、材料: sealed with the case's key once it exists (right after 登记).
  const [files, setFiles] = useState<File[]>([]);
  const persons = (v: CaseForm) => (v.persons ?? []).filter((p) => p?.name).map((p) => ({ name: p.name, idNumber: p.idNumber ?? '', phone: p.phone ?? '', address: p.address ?? '' }));
  const compare = async () => {
    const v = await form.validateFields();
    const r = await api.petitions.matches({ matter: v.matter, persons: persons(v) });
    if (r.ok) {
      setOffers(r.value);
      setChosen({});
    } else void message.error(r.error.message);
  };
  const links = () => chosenLinks(offers ?? [], chosen);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    const r = await api.petitions.register({ channel: v.channel as never, category: v.category as never, ...(v.hotlineType ? { hotlineType: v.hotlineType as never } : {}), matter: v.matter, locality: v.locality ?? '', persons: persons(v), links: links() });
    if (!r.ok) {
      setBusy(false);
      return void message.error(r.error.message);
    }
    if (files.length > 0) {
      // The case is saved whatever happens to its files: a failure says so and the detail page can add them.
      const sent = await readPicked(files).then((picked) => api.petitions.attach({ id: r.value.id, files: picked, stage: '登记' }), (err: unknown) => ({ ok: false as const, error: { message: err instanceof Error ? err.message : String(err) } }));
      if (!sent.ok) void message.warning(`已登记,但附件未能上传:${sent.error.message}。请在详情页重新上传。`);
    }
    setBusy(false);
    navigate(buildHash(['petitions', r.value.id]));
  };
  return (
    <div>
      <PageHeader title="信访事项登记" />
      <Card>
        <Form form={form} layout="vertical" initialValues={{ channel: '来访', category: '申诉求决类', persons: [{}] }}>
          <Space wrap>
            <Form.Item name="channel" label="来源渠道" rules={[{ required: true }]}><Select style={{ width: 140 }} options={opts(['来信', '来访', '网上', '电话', '12345'])} /></Form.Item>
            <Form.Item name="category" label="类别" rules={[{ required: true }]}><Select style={{ width: 160 }} options={opts(['建议意见类', '检举控告类', '申诉求决类'])} /></Form.Item>
            <Form.Item name="hotlineType" label="12345类型"><Select allowClear style={{ width: 120 }} options={opts(['紧急', '咨询', '求助', '投诉', '建议'])} /></Form.Item>
            <Form.Item name="locality" label="问题属地"><Input style={{ width: 160 }} /></Form.Item>
          </Space>
          <Form.List name="persons">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item name={[f.name, 'name']} label="姓名"><Input data-testid="person-name" /></Form.Item>
                    <Form.Item name={[f.name, 'idNumber']} label="身份证号"><Input data-testid="person-id" /></Form.Item>
                    <Form.Item name={[f.name, 'phone']} label="联系电话"><Input data-testid="person-phone" /></Form.Item>
                    <Form.Item name={[f.name, 'address']} label="住址"><Input data-testid="person-address" /></Form.Item>
                    <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }}>移除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({})} style={{ marginBottom: 16 }}>添加联名信访人</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="matter" label="信访事项" rules={[{ required: true, message: '请填写信访事项' }]}><Input.TextArea rows={5} data-testid="matter" /></Form.Item>
          <Form.Item label="附件(来信原件、证明材料等,加密存储,单个不超过20 MB)">
            <input type="file" multiple data-testid="register-files" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
            {files.length > 0 ? <span style={{ marginLeft: 8 }}>已选{files.length}个文件</span> : null}
          </Form.Item>
          <Space>
            <Button onClick={() => void compare()}>比对重复信访</Button>
            <Button type="primary" loading={busy} onClick={() => void submit()}>登记</Button>
          </Space>
        </Form>
        {offers ? <RepeatOffers offers={offers} chosen={chosen} onChoose={(id, v) => setChosen((c) => ({ ...c, [id]: v }))} /> : null}
      </Card>
    </div>
  );
}
