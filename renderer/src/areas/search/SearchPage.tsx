import { Card, Empty, Flex, Segmented, Spin, Tag, Typography } from 'antd';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { RECORD_KINDS, recordHref } from '../registry';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { Snippet } from './Snippet';

/** 全部, then every record kind an area shows (areas/registry.tsx), in its order. */
const KIND_OPTIONS: Array<{ value: string; label: string }> = [{ value: 'all', label: '全部' }, ...RECORD_KINDS.map(([value, k]) => ({ value, label: k.label }))];
const KIND_UI = new Map(RECORD_KINDS);

export function SearchPage({ query }: { query: Record<string, string> }) {
  const q = (query.q ?? '').trim();
  const kind = query.kind && KIND_UI.has(query.kind) ? query.kind : 'all';
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
          <Segmented<string>
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
                <Tag color={KIND_UI.get(hit.kind)?.color ?? 'default'}>{KIND_UI.get(hit.kind)?.label ?? hit.kind}</Tag>
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
