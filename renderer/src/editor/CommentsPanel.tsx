import type { Editor } from '@tiptap/react';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { Button, Card, Input, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { BodyAuthor } from '../../../core/records/body-authors';
import { authorColor } from '../../../core/records/body-authors';
import { commentsChanged } from './comment-highlights';
import { addComment, commentsOf, decodeAnchor, listComments, replyToComment, resolveComment, type BodyComment } from '../../../core/records/body-comments';

/** The binding's map between Yjs types and ProseMirror nodes (anchors need it). */
function mappingOf(editor: Editor) {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: { mapping: Parameters<typeof absolutePositionToRelativePosition>[2] } } | undefined;
  return state?.binding?.mapping ?? null;
}

const when = (at: string) => new Date(at).toLocaleString('zh-CN');
/** Unique enough for one record's comments (time, then random). */
const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * 批注 side panel: comments on the selected text (anchored by Yjs relative positions, so they
 * follow the words through everyone's edits), replies, 解决 / 重新打开. They live in the record's
 * Y.Doc (core/records/body-comments.ts) and reach main and colleagues like any edit of the replica.
 */
export function CommentsPanel({ editor, doc, user, canEdit }: { editor: Editor; doc: Y.Doc; user: BodyAuthor; canEdit: boolean }) {
  const [comments, setComments] = useState<BodyComment[]>(() => listComments(doc));
  const [draft, setDraft] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  useEffect(() => {
    const map = commentsOf(doc);
    const refresh = () => {
      setComments(listComments(doc));
      // Redraw the highlights in the text (comment-highlights.ts).
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentsChanged, true));
    };
    map.observeDeep(refresh);
    refresh();
    return () => map.unobserveDeep(refresh);
  }, [doc, editor]);
  const fragment = doc.getXmlFragment('body');
  const { from, to } = editor.state.selection;
  const add = () => {
    const mapping = mappingOf(editor);
    if (!mapping || from === to || !draft.trim()) return;
    addComment(doc, {
      id: newId(),
      text: draft.trim(),
      quote: editor.state.doc.textBetween(from, to, ' ').slice(0, 200),
      author: user,
      at: new Date().toISOString(),
      start: absolutePositionToRelativePosition(from, fragment, mapping),
      end: absolutePositionToRelativePosition(to, fragment, mapping),
    });
    setDraft('');
  };
  const show = (c: BodyComment) => {
    const mapping = mappingOf(editor);
    if (!mapping) return;
    const a = relativePositionToAbsolutePosition(doc, fragment, decodeAnchor(c.start), mapping);
    const b = relativePositionToAbsolutePosition(doc, fragment, decodeAnchor(c.end), mapping);
    if (a !== null && b !== null) editor.chain().focus().setTextSelection({ from: a, to: Math.max(a, b) }).scrollIntoView().run();
  };
  const open = comments.filter((c) => !c.resolved);
  const listed = showResolved ? comments : open;
  return (
    <Card
      size="small"
      title={`批注(${open.length})`}
      className="xt-comments"
      data-testid="comments-panel"
      extra={
        comments.length > open.length && (
          <Button size="small" type="link" onClick={() => setShowResolved(!showResolved)}>
            {showResolved ? '隐藏已解决' : `显示已解决(${comments.length - open.length})`}
          </Button>
        )
      }
    >
      {canEdit && (
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <Input size="small" data-testid="comment-input" placeholder={from === to ? '先在正文中选中要批注的文字' : '对选中文字的批注'} value={draft} onChange={(e) => setDraft(e.target.value)} onPressEnter={add} />
          <Button size="small" type="primary" data-testid="comment-add" disabled={from === to || !draft.trim()} onClick={add}>
            批注
          </Button>
        </Space.Compact>
      )}
      {listed.length === 0 && <div className="xt-muted">暂无批注</div>}
      {listed.map((c) => (
        <CommentItem key={c.id} comment={c} canEdit={canEdit} onShow={() => show(c)} onReply={(text) => replyToComment(doc, c.id, { id: newId(), text, author: user, at: new Date().toISOString() })} onResolve={(done) => resolveComment(doc, c.id, done ? { by: user, at: new Date().toISOString() } : null)} />
      ))}
    </Card>
  );
}

function CommentItem(props: { comment: BodyComment; canEdit: boolean; onShow: () => void; onReply: (text: string) => void; onResolve: (done: boolean) => void }) {
  const { comment: c, canEdit } = props;
  const [reply, setReply] = useState('');
  return (
    <div className="xt-comment" data-testid="comment" data-resolved={c.resolved ? 'true' : 'false'}>
      <a className="xt-comment-quote" onClick={props.onShow} title="在正文中定位">
        “{c.quote}”
      </a>
      <div>
        <Tag color={authorColor(c.author.login)}>{c.author.name}</Tag>
        <span className="xt-muted">{when(c.at)}</span>
      </div>
      <div className="xt-comment-text">{c.text}</div>
      {c.replies.map((r) => (
        <div key={r.id} className="xt-comment-reply" data-testid="comment-reply">
          <Tag color={authorColor(r.author.login)}>{r.author.name}</Tag>
          {r.text} <span className="xt-muted">{when(r.at)}</span>
        </div>
      ))}
      {c.resolved && <div className="xt-muted">已由{c.resolved.by.name}于{when(c.resolved.at)}解决</div>}
      {canEdit && (
        <Space size={4} wrap>
          {!c.resolved && (
            <Input
              size="small"
              data-testid="comment-reply-input"
              placeholder="回复"
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              onPressEnter={() => {
                if (reply.trim()) props.onReply(reply.trim());
                setReply('');
              }}
            />
          )}
          <Button size="small" type="link" data-testid="comment-resolve" onClick={() => props.onResolve(!c.resolved)}>
            {c.resolved ? '重新打开' : '解决'}
          </Button>
        </Space>
      )}
    </div>
  );
}
