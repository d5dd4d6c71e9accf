import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { Presence } from '../../shell/Presence';
import { useQuery } from '../../shared/useQuery';
import { useSession } from '../settings/sessionStore';
import { ActionBar } from './actions/ActionBar';
import { StatusTags } from './columns';
import { CreateModal } from './CreateModal';
import { DetailView } from './DetailView';
import { EditForm } from './EditForm';
import { History } from './History';
import { listHash } from './lastList';
import { LightTag } from './LightTag';
import { AssignmentTable } from './sections/AssignmentTable';
import { ChildrenCard } from './sections/ChildrenCard';
import { ReportList } from './sections/ReportList';
import { RequestLists } from './sections/RequestLists';
import { UrgeList } from './sections/UrgeList';

/** #/supervision/:id — the item, its lifecycle actions for the current identity, its units, reports, 催办 and 办理记录. */
export function SupervisionDetailPage({ id }: { id: string }) {
  const session = useSession();
  const actor = session.info?.current;
  // Keyed on the identity: what may be done depends on who is looking.
  const { data: detail, error, reload, setData } = useQuery(`${id}:${actor?.login ?? ''}`, () => api.supervision.get({ id }), {
    live: (ids) => ids.includes(id),
  });
  const [editing, setEditing] = useState(false);
  const [decomposing, setDecomposing] = useState(false);
  const editor = actor?.role === 'supervisor' || actor?.role === 'admin';

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={listHash()}>
      返回列表
    </Button>
  );
  if (!detail) {
    return (
      <div>
        <PageHeader title="督办事项" extra={back} />
        <ErrorAlert error={error} onRetry={reload} />
        {error ? null : <Skeleton active />}
      </div>
    );
  }
  const task = detail.level === 'task';

  return (
    <div>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="detail-title">{detail.title}</span>
            {task ? (
              <span style={{ fontSize: 14, fontWeight: 'normal' }}>
                <Flex gap={4}>
                  <StatusTags row={detail} />
                  <LightTag light={detail.light} reasons={detail.lightReasons} />
                </Flex>
              </span>
            ) : null}
          </Flex>
        }
        sub={detail.code ? `编号 ${detail.code}` : task ? undefined : '督办立项'}
        extra={
          <Space>
            <Presence recordId={detail.id} />
            {back}
            {editing || !editor ? null : (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-button">
                编辑
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {task && actor ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <ActionBar detail={detail} actor={actor} onDone={setData} />
        </Card>
      ) : null}
      {editing ? (
        <EditForm
          detail={detail}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setData(saved);
            setEditing(false);
          }}
        />
      ) : (
        <DetailView detail={detail} />
      )}
      <AssignmentTable detail={detail} />
      <ReportList detail={detail} onDone={setData} />
      {actor ? <UrgeList detail={detail} actor={actor} onDone={setData} /> : null}
      <RequestLists detail={detail} onDone={setData} />
      <ChildrenCard detail={detail} canDecompose={editor && task && detail.status !== 'closed'} onDecompose={() => setDecomposing(true)} />
      <History history={detail.history} recordId={detail.id} />
      <CreateModal
        open={decomposing}
        parent={{ id: detail.id, title: detail.title }}
        sections={detail.section ? [detail.section] : []}
        onClose={() => setDecomposing(false)}
        onCreated={(child) => {
          setDecomposing(false);
          navigate(buildHash(['supervision', child.id]));
        }}
      />
    </div>
  );
}
