import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { StatusTags } from './columns';
import { DetailView } from './DetailView';
import { EditForm } from './EditForm';
import { History } from './History';
import { listHash } from './lastList';
import { TransitionButton } from './TransitionButton';

/** #/supervision/:id — the item, its 办理记录, 编辑 and 办结/重新办理. */
export function SupervisionDetailPage({ id }: { id: string }) {
  const { data: detail, error, reload, setData } = useQuery(id, () => api.supervision.get({ id }), {
    live: (ids) => ids.includes(id),
  });
  const [editing, setEditing] = useState(false);

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

  return (
    <div>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="detail-title">{detail.title}</span>
            <span style={{ fontSize: 14, fontWeight: 'normal' }}>
              <StatusTags row={detail} />
            </span>
          </Flex>
        }
        sub={detail.code ? `编号 ${detail.code}` : undefined}
        extra={
          <Space>
            {back}
            {editing ? null : (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-button">
                编辑
              </Button>
            )}
            <TransitionButton detail={detail} onDone={setData} />
          </Space>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
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
      <History history={detail.history} />
    </div>
  );
}
