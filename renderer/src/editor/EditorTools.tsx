import type { Editor } from '@tiptap/react';
import { App, Button, Dropdown, Space, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../bridge';
import { downloadBase64 } from '../shared/download';
import { MarkupModal } from './MarkupModal';
import { PrintPreview } from './PrintPreview';
import { VersionsModal } from './VersionsModal';

const cell = { type: 'tableCell', content: [{ type: 'paragraph' }] };
const EMPTY_TABLE = { type: 'table', content: [0, 1, 2].map(() => ({ type: 'tableRow', content: [cell, cell, cell] })) };

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Formatting (9704 headings, bold, lists, tables, page breaks), undo per user, and the record-level tools. */
export function EditorTools({ editor, recordId, canEdit }: { editor: Editor; recordId: string; canEdit: boolean }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<'markup' | 'print' | 'versions' | null>(null);
  const chain = () => editor.chain().focus();
  const headings = [
    { key: '0', label: '正文(仿宋)' },
    { key: '1', label: '一级标题 一、(黑体)' },
    { key: '2', label: '二级标题 (一)(楷体)' },
    { key: '3', label: '三级标题 1.(仿宋加粗)' },
    { key: '4', label: '四级标题 (1)(仿宋)' },
  ];
  const exportDocx = async () => {
    const r = await api.editor.exportDocx({ id: recordId });
    if (r.ok) downloadBase64(r.value.data, DOCX_MIME, r.value.name);
    else void message.error(r.error.message);
  };
  const importDocx = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const r = await api.editor.importDocx({ id: recordId, data: btoa(binary) });
    if (r.ok) void message.success(`已导入 ${r.value.paragraphs} 段${r.value.warnings.length ? `(${r.value.warnings.join('、')})` : ''}`);
    else void message.error(r.error.message);
  };
  return (
    <Space wrap size={4}>
      {canEdit && (
        <>
          <Dropdown
            menu={{
              items: headings,
              onClick: ({ key }) => (key === '0' ? chain().setNode('paragraph').run() : chain().setNode('heading', { level: Number(key) }).run()),
            }}
          >
            <Button size="small">段落样式</Button>
          </Dropdown>
          <Button size="small" onClick={() => chain().toggleMark('bold').run()}>
            加粗
          </Button>
          <Button size="small" onClick={() => chain().toggleList('bulletList', 'listItem').run()}>
            列表
          </Button>
          <Button size="small" onClick={() => chain().insertContent(EMPTY_TABLE).run()}>
            表格
          </Button>
          <Button size="small" onClick={() => chain().insertContent({ type: 'pageBreak' }).run()}>
            分页
          </Button>
          <Button size="small" onClick={() => chain().undo().run()} title="只撤销本人的修改">
            撤销
          </Button>
          <Button size="small" onClick={() => chain().redo().run()}>
            重做
          </Button>
          <Upload accept=".docx" showUploadList={false} beforeUpload={(f) => (void importDocx(f), false)}>
            <Button size="small">导入 Word</Button>
          </Upload>
        </>
      )}
      <Button size="small" onClick={() => void exportDocx()}>
        导出 Word(含修订)
      </Button>
      <Button size="small" data-testid="open-markup" onClick={() => setOpen('markup')}>
        花脸稿
      </Button>
      <Button size="small" onClick={() => setOpen('versions')}>
        版本
      </Button>
      <Button size="small" data-testid="open-print" onClick={() => setOpen('print')}>
        打印预览
      </Button>
      {open === 'markup' && <MarkupModal recordId={recordId} onClose={() => setOpen(null)} />}
      {open === 'print' && <PrintPreview recordId={recordId} onClose={() => setOpen(null)} />}
      {open === 'versions' && <VersionsModal recordId={recordId} canEdit={canEdit} onClose={() => setOpen(null)} />}
    </Space>
  );
}
