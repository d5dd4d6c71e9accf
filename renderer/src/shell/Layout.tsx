import { Layout as AntLayout, Flex } from 'antd';
import type { ReactNode } from 'react';
import { GlobalSearch } from './GlobalSearch';
import { Messages } from './Messages';
import { Nav } from './Nav';
import { StatusIndicator } from './StatusIndicator';
import { SyncNotices } from './SyncNotices';

/** Header (product name, search, local service and sync status) over a left navigation and the page. */
export function Layout({ selected, searchText, children }: { selected: string | undefined; searchText: string; children: ReactNode }) {
  return (
    <AntLayout className="xt-app">
      <SyncNotices />
      <AntLayout.Header className="xt-header">
        <Flex align="center" gap={24} style={{ height: '100%' }}>
          <a className="xt-brand" href="#/workbench">
            <span className="xt-brand-mark">协</span>
            协同办公
          </a>
          <div style={{ flex: 1 }}>
            <GlobalSearch current={searchText} />
          </div>
          <Messages />
          <StatusIndicator />
        </Flex>
      </AntLayout.Header>
      <AntLayout>
        <AntLayout.Sider width={200} theme="light" className="xt-sider">
          <Nav selected={selected} />
        </AntLayout.Sider>
        <AntLayout.Content className="xt-content">{children}</AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
