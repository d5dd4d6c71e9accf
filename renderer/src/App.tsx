import { Button, Card, Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { DirectoryPage } from './areas/directory/ListPage';
import { IncomingDetailPage } from './areas/incoming/DetailPage';
import { DocumentsPage } from './areas/incoming/ListPage';
import { OutgoingDetailPage } from './areas/incoming/OutgoingDetailPage';
import { PetitionsPage } from './areas/petitions/ListPage';
import { ProposalsPage } from './areas/proposals/ListPage';
import { SearchPage } from './areas/search/SearchPage';
import { SettingsPage } from './areas/settings/SettingsPage';
import { SupervisionDetailPage } from './areas/supervision/DetailPage';
import { SupervisionListPage } from './areas/supervision/ListPage';
import { WorkbenchPage } from './areas/workbench/WorkbenchPage';
import type { Route } from './router/hash';
import { useRoute } from './router/useRoute';
import { ErrorBoundary } from './shared/ErrorBoundary';
import { Layout } from './shell/Layout';
import { Notifier } from './shell/Notifier';

/** 一屏通览 loads ECharts: its own chunk, fetched when the page is first opened. */
const DashboardPage = lazy(() => import('./areas/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

function page({ segments, query }: Route): ReactNode {
  const [area = 'workbench', id, ...rest] = segments;
  // 发文: #/documents/outgoing and #/documents/outgoing/<id>.
  if (area === 'documents' && id === 'outgoing') {
    const [docId, ...more] = rest;
    if (more.length > 0) return <NotFound />;
    return docId ? <OutgoingDetailPage key={docId} id={docId} /> : <DocumentsPage tab="outgoing" />;
  }
  if (rest.length > 0) return <NotFound />;
  switch (area) {
    case 'workbench':
      return id ? <NotFound /> : <WorkbenchPage />;
    case 'documents':
      return id ? <IncomingDetailPage key={id} id={id} /> : <DocumentsPage />;
    case 'supervision':
      return id ? <SupervisionDetailPage key={id} id={id} /> : <SupervisionListPage query={query} />;
    case 'dashboard':
      return id ? (
        <NotFound />
      ) : (
        <Suspense fallback={<Card loading />}>
          <DashboardPage />
        </Suspense>
      );
    case 'proposals':
      return <ProposalsPage />;
    case 'petitions':
      return <PetitionsPage />;
    case 'directory':
      return <DirectoryPage />;
    case 'settings':
      return <SettingsPage />;
    case 'search':
      return <SearchPage query={query} />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      extra={
        <Button type="primary" href="#/workbench">
          返回工作台
        </Button>
      }
    />
  );
}

export function App() {
  const route = useRoute();
  const area = route.segments[0] ?? 'workbench';
  return (
    <Layout selected={area} searchText={area === 'search' ? (route.query.q ?? '') : ''}>
      <ErrorBoundary resetKey={route.segments.join('/')}>{page(route)}</ErrorBoundary>
      <Notifier />
    </Layout>
  );
}
