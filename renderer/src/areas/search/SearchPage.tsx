import { Card, Empty, Flex, Segmented, Spin, Tag, Typography } from 'antd';
import type { RecordKind } from '../../../../core/records/record-doc';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { RECORD_KIND_LABEL, recordHref } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { Snippet } from './Snippet';

type KindFilter = RecordKind | 'all';
const KIND_OPTIONS: Array<{ value: KindFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'supervision', label: '督办事项' },
  { value: 'incoming', label: '收文' },
  { value: 'document', label: '发文' },
];

export function SearchPage({ query }: { query: Record<string, string> }) {
  const q = (query.q ?? '').trim();
  const kind: KindFilter = query.kind === 'supervision' || query.kind === 'incoming' || query.kind === 'document' ? query.kind : 'all';
  const { data, error, loading, reload } = useQuery(
    JSON.stringify({ q, kind }),
    () => api.search.query({ q, kind: kind === 'all' ? undefined : kind, limit: 50 }),
    { live: true, enabled: q !== '' },
  );

  if (!q) {
    return <Empty description="请在页面顶部的搜索框中输入检索词" />;
  }
  return (
    <div>
      <PageHeader
        title={`“${q}”的检索结果`}
        sub={data ? `共找到 ${data.total} 条` : undefined}
        extra={
          <Segmented<KindFilter>
            options={KIND_OPTIONS}
            value={kind}
            onChange={(value) => navigate(buildHash(['search'], { q, kind: value === 'all' ? undefined : value }), { replace: true })}
          />
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Spin spinning={loading}>
        <Flex vertical gap={12} data-testid="search-results">
          {data?.hits.map((hit) => (
            <Card key={hit.id} size="small">
              <Flex gap={8} align="center">
                <Tag color={hit.kind === 'incoming' ? 'geekblue' : hit.kind === 'document' ? 'red' : 'blue'}>{RECORD_KIND_LABEL[hit.kind]}</Tag>
                <Typography.Link href={recordHref(hit.kind, hit.id)} strong>
                  {hit.title}
                </Typography.Link>
              </Flex>
              {hit.snippet.length > 0 ? (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  <Snippet segments={hit.snippet} />
                </Typography.Paragraph>
              ) : null}
            </Card>
          ))}
          {data && data.hits.length === 0 ? <Empty description="没有找到相关内容" /> : null}
        </Flex>
      </Spin>
    </div>
  );
}
