import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { AREA_UIS } from './areas/registry';
import { SearchPage } from './areas/search/SearchPage';
import { SettingsPage } from './areas/settings/SettingsPage';
import { WorkbenchPage } from './areas/workbench/WorkbenchPage';
import type { Route } from './router/hash';
import { useRoute } from './router/useRoute';
import { ErrorBoundary } from './shared/ErrorBoundary';
import { usePinPrompt } from './shared/usePinPrompt';
import { Layout } from './shell/Layout';
import { Notifier } from './shell/Notifier';

/** The shell's own pages; every other first segment is an area's (areas/registry.tsx). */
function page({ segments, query }: Route): ReactNode {
  const [key = 'workbench', ...rest] = segments;
  if (key === 'workbench') return rest.length > 0 ? <NotFound /> : <WorkbenchPage />;
  if (key === 'settings') return rest.length > 1 ? <NotFound /> : <SettingsPage />;
  if (key === 'search') return rest.length > 1 ? <NotFound /> : <SearchPage query={query} />;
  return AREA_UIS.find((a) => a.key === key)?.page(rest, query) ?? <NotFound />;
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
  // Signatures and seals ask for the PIN here, for every area (shared/pin-retry.ts).
  const pinDialog = usePinPrompt();
  const area = route.segments[0] ?? 'workbench';
  return (
    <Layout selected={area} searchText={area === 'search' ? (route.query.q ?? '') : ''}>
      <ErrorBoundary resetKey={route.segments.join('/')}>{page(route)}</ErrorBoundary>
      <Notifier />
      {pinDialog}
    </Layout>
  );
}
