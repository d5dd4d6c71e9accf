import { applySuggestion, applySuggestions, revertSuggestion, revertSuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { Alert, Button, Card, Space, Switch, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { editorExtensions } from '../../../core/editor/extensions';
import type { EditorSession } from '../../../core/ipc/editor';
import { authorColor } from '../../../core/records/body-authors';
import { parseSuggestionId } from '../../../core/records/suggestion-id';
import { CommentHighlights } from './comment-highlights';
import { CommentsPanel } from './CommentsPanel';
import { EditorTools } from './EditorTools';
import { bridgePort } from './port';
import { Replica } from './replica';
import { SuggestMode, disableSuggestChanges, enableSuggestChanges, isSuggestChangesEnabled } from './suggest';
import './editor.css';

/**
 * The 正文 of a record as a live, shared document (renderer/src/editor/README.md): mount it with
 * `<BodyEditor recordId={id} />`. It holds a replica of the record's Y.Doc (replica.ts), binds
 * Tiptap to its `body`, shows co-editors' cursors, and offers 修订, 花脸稿, versions, DOCX and
 * the print preview.
 */
export function BodyEditor({ recordId }: { recordId: string }) {
  const [live, setLive] = useState<{ replica: Replica; session: EditorSession } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // One replica per mounted editor; made here (not during render) so a remount never reuses a closed one.
    const replica = new Replica(recordId, bridgePort);
    replica.setErrorHandler((m) => setError(`正文保存失败:${m}(内容仍在本窗口,恢复连接后自动补发)`));
    let gone = false;
    replica.sync().then(
      (session) => !gone && setLive({ replica, session }),
      (err: unknown) => !gone && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      gone = true;
      replica.close();
    };
  }, [recordId]);
  if (error && !live) return <Alert type="error" showIcon message="正文无法打开" description={error} />;
  if (!live || live.replica.id !== recordId) return <Card loading size="small" />;
  return <LiveEditor key={recordId} replica={live.replica} session={live.session} error={error} />;
}

function LiveEditor({ replica, session, error }: { replica: Replica; session: EditorSession; error: string | null }) {
  const user = { name: session.user.name, color: session.user.color };
  const editor = useEditor({
    editable: session.canEdit,
    extensions: [
      ...editorExtensions(),
      Collaboration.configure({ fragment: replica.doc.getXmlFragment('body') }),
      CollaborationCaret.configure({ provider: { awareness: replica.awareness }, user }),
      SuggestMode.configure({ author: { login: session.user.login, name: session.user.name } }),
      CommentHighlights,
    ],
  });
  const [, rerender] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const update = () => rerender((n) => n + 1);
    editor.on('transaction', update);
    if (session.bodyMode === 'suggest') enableSuggestChanges(editor.state, editor.view.dispatch);
    return () => {
      editor.off('transaction', update);
    };
  }, [editor, session.bodyMode]);
  if (!editor) return null;
  const suggesting = isSuggestChangesEnabled(editor.state);
  const toggle = (on: boolean) => (on ? enableSuggestChanges : disableSuggestChanges)(editor.state, editor.view.dispatch);
  return (
    <div className="xt-editor" data-testid="body-editor">
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Tooltip title={session.bodyMode === 'suggest' ? '本环节按流程要求必须以修订方式修改' : '修订:修改以标记保留,由拟稿人或本环节负责人接受'}>
          <Space size={4}>
            修订
            <Switch data-testid="suggest-toggle" checked={suggesting} disabled={session.bodyMode === 'suggest' || !session.canEdit} onChange={toggle} />
          </Space>
        </Tooltip>
        <EditorTools editor={editor} recordId={replica.id} canEdit={session.canEdit} />
      </Space>
      <div className="xt-editor-main">
        <div className="xt-page-guide">
          <EditorContent editor={editor} className="xt-body" />
        </div>
        <div className="xt-side">
          <SuggestionPanel editor={editor} canAccept={session.canAccept} />
          <CommentsPanel editor={editor} doc={replica.doc} user={{ login: session.user.login, name: session.user.name }} canEdit={session.canEdit} />
        </div>
      </div>
    </div>
  );
}

interface PendingSuggestion {
  id: string;
  kinds: Set<'ins' | 'del'>;
  text: string;
  author: string;
  login: string;
  at: string;
}

/** The pending 修订, one entry per suggestion id, in document order. */
function pendingOf(editor: Editor): PendingSuggestion[] {
  const byId = new Map<string, PendingSuggestion>();
  editor.state.doc.descendants((node) => {
    for (const mark of node.marks) {
      if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
      const id = String(mark.attrs.id);
      const info = parseSuggestionId(mark.attrs.id);
      const entry = byId.get(id) ?? { id, kinds: new Set(), text: '', author: info?.author.name ?? '未知', login: info?.author.login ?? '', at: info?.at ?? '' };
      entry.kinds.add(mark.type.name === 'insertion' ? 'ins' : 'del');
      entry.text += `${mark.type.name === 'insertion' ? '+' : '−'}${node.text ?? ''}`;
      byId.set(id, entry);
    }
    return true;
  });
  return [...byId.values()];
}

function SuggestionPanel({ editor, canAccept }: { editor: Editor; canAccept: boolean }) {
  const pending = pendingOf(editor);
  const run = (cmd: (state: Editor['state'], dispatch: Editor['view']['dispatch']) => boolean) => cmd(editor.state, editor.view.dispatch);
  const byPerson = [...new Set(pending.map((p) => p.login))];
  return (
    <Card size="small" title={`修订(${pending.length})`} className="xt-suggestions" data-testid="suggestion-panel">
      {canAccept && pending.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Button size="small" type="primary" data-testid="accept-all" onClick={() => run(applySuggestions)}>
            全部接受
          </Button>
          <Button size="small" onClick={() => run(revertSuggestions)}>
            全部拒绝
          </Button>
          {byPerson.map((login) => (
            <Button key={login} size="small" onClick={() => pending.filter((p) => p.login === login).forEach((p) => run(applySuggestion(p.id as never)))}>
              接受{pending.find((p) => p.login === login)?.author}的全部修订
            </Button>
          ))}
        </Space>
      )}
      {pending.length === 0 && <div className="xt-muted">暂无待处理的修订</div>}
      {pending.map((p) => (
        <div key={p.id} className="xt-suggestion" data-testid="suggestion">
          <Tag color={authorColor(p.login)}>{p.author}</Tag>
          <span className="xt-muted">{p.at ? new Date(p.at).toLocaleString('zh-CN') : ''}</span>
          <div className="xt-suggestion-text">{p.text}</div>
          {canAccept && (
            <Space size={4}>
              <Button size="small" type="link" data-testid="accept-one" onClick={() => run(applySuggestion(p.id as never))}>
                接受
              </Button>
              <Button size="small" type="link" danger onClick={() => run(revertSuggestion(p.id as never))}>
                拒绝
              </Button>
            </Space>
          )}
        </div>
      ))}
      {!canAccept && pending.length > 0 && <div className="xt-muted">修订由拟稿人或本环节负责人接受</div>}
    </Card>
  );
}
