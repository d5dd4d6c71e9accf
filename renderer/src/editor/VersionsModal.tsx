import { App, Button, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../bridge';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useQuery } from '../shared/useQuery';

/** 版本: named versions with author and time; preview; restore (a new edit and a new version). */
export function VersionsModal({ recordId, canEdit, onClose }: { recordId: string; canEdit: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const versions = useQuery(`versions:${recordId}`, () => api.editor.versions({ id: recordId }));
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const save = async () => {
    const r = await api.editor.saveVersion({ id: recordId, name });
    if (r.ok) {
      versions.setData(r.value);
      setName('');
    } else void message.error(r.error.message);
  };
  const restore = (id: string, label: string) =>
    modal.confirm({
      title: `恢复到“${label}”?`,
      content: '正文将改为该版本的内容;这是一次新的修改,原有历史不会被改写。',
      onOk: async () => {
        const r = await api.editor.restoreVersion({ id: recordId, version: id });
        if (r.ok) versions.setData(r.value);
        else void message.error(r.error.message);
      },
    });
  const show = async (id: string) => {
    const r = await api.editor.versionText({ id: recordId, version: id });
    setPreview(r.ok ? r.value.text : r.error.message);
  };
  return (
    <Modal open title="版本" width={720} footer={null} onCancel={onClose}>
      {versions.error && <ErrorAlert error={versions.error} />}
      {canEdit && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input placeholder="版本名称,如:核稿前" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
          <Button type="primary" disabled={!name.trim()} onClick={() => void save()}>
            保存当前版本
          </Button>
        </Space.Compact>
      )}
      <List
        size="small"
        dataSource={[...(versions.data ?? [])].reverse()}
        locale={{ emptyText: '尚未保存版本' }}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button key="p" size="small" type="link" onClick={() => void show(v.id)}>
                预览
              </Button>,
              ...(canEdit
                ? [
                    <Button key="r" size="small" type="link" onClick={() => restore(v.id, v.name)}>
                      恢复
                    </Button>,
                  ]
                : []),
            ]}
          >
            {v.name} · {v.author.name} · {v.at.slice(0, 16).replace('T', ' ')}
          </List.Item>
        )}
      />
      {preview !== null && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{preview}</Typography.Paragraph>}
    </Modal>
  );
}
