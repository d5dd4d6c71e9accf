import { AuditOutlined, ContactsOutlined, FileTextOutlined, FundProjectionScreenOutlined, MessageOutlined, SolutionOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { buildHash } from '../router/hash';
import { DirectoryPage } from './directory/ListPage';
import { IncomingDetailPage } from './incoming/DetailPage';
import { IncomingCard } from './incoming/IncomingCard';
import { incomingHref, outgoingHref } from './incoming/links';
import { DocumentsPage } from './incoming/ListPage';
import { OutgoingDetailPage } from './incoming/OutgoingDetailPage';
import { PetitionDetailPage } from './petitions/DetailPage';
import { PetitionsPage } from './petitions/ListPage';
import { ProposalDetailPage } from './proposals/DetailPage';
import { RegisterPage } from './petitions/RegisterPage';
import { ProposalsPage } from './proposals/ListPage';
import { ProposalSettingsPage } from './proposals/SettingsPage';
import { ProposalTodoCard } from './proposals/TodoCard';
import { SupervisionDetailPage } from './supervision/DetailPage';
import { SupervisionListPage } from './supervision/ListPage';
import { Inbox } from './supervision/workbench/Inbox';
import { RecentItems } from './supervision/workbench/RecentItems';
import { SummaryCards } from './supervision/workbench/SummaryCards';

/** 一屏通览 loads ECharts: its own chunk, fetched when the page is first opened. */
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const ProposalStatsPage = lazy(() => import('./proposals/StatsPage').then((m) => ({ default: m.ProposalStatsPage })));

/** A card on the 工作台: full width, or half (two halves side by side). */
export interface WorkbenchCard {
  key: string;
  order: number;
  width: 'full' | 'half';
  render: () => ReactNode;
}

/** How a record kind shows: its name, tag colour, place among the kinds, and where a record opens. */
export interface RecordKindUi {
  label: string;
  order: number;
  color: string;
  href: (id: string) => string;
}

/**
 * One area's part of the UI: its entry in the left navigation, the page for `#/<key>/…` (given
 * the path after the key; null → 页面不存在), the record kinds it opens, its 工作台 cards.
 */
export interface AreaUi {
  key: string;
  nav: { label: string; icon: ReactNode; order: number };
  page(rest: readonly string[], query: Record<string, string>): ReactNode | null;
  records?: Readonly<Record<string, RecordKindUi>>;
  workbench?: readonly WorkbenchCard[];
}

const one = (rest: readonly string[]) => (rest.length <= 1 ? rest[0] : null);

/**
 * The renderer's areas: the only renderer file that imports area folders for the shell. The
 * router (App.tsx), the navigation and the 工作台 take areas from here. Adding an area is its
 * folder and one entry. The visible labels are part of the UI contract (tests click them).
 */
export const AREA_UIS: readonly AreaUi[] = [
  {
    key: 'documents',
    nav: { label: '公文', icon: <FileTextOutlined />, order: 10 },
    // 收文 at #/documents/<id>; 发文 at #/documents/outgoing and #/documents/outgoing/<id>.
    page: ([id, ...more], _query) => {
      if (id === 'outgoing') return more.length > 1 ? null : more[0] ? <OutgoingDetailPage key={more[0]} id={more[0]} /> : <DocumentsPage tab="outgoing" />;
      if (more.length > 0) return null;
      return id ? <IncomingDetailPage key={id} id={id} /> : <DocumentsPage />;
    },
    records: {
      incoming: { label: '收文', order: 20, color: 'geekblue', href: incomingHref },
      document: { label: '发文', order: 30, color: 'red', href: outgoingHref },
    },
    workbench: [{ key: 'incoming', order: 30, width: 'half', render: () => <IncomingCard /> }],
  },
  {
    key: 'supervision',
    nav: { label: '督查督办', icon: <AuditOutlined />, order: 20 },
    page: (rest, query) => {
      if (rest.length > 1) return null;
      const id = one(rest);
      return id ? <SupervisionDetailPage key={id} id={id} /> : <SupervisionListPage query={query} />;
    },
    records: { supervision: { label: '督办事项', order: 10, color: 'blue', href: (id) => buildHash(['supervision', id]) } },
    workbench: [
      { key: 'summary', order: 10, width: 'full', render: () => <SummaryCards /> },
      { key: 'inbox', order: 20, width: 'full', render: () => <Inbox /> },
      { key: 'recent', order: 40, width: 'half', render: () => <RecentItems /> },
    ],
  },
  {
    key: 'dashboard',
    nav: { label: '一屏通览', icon: <FundProjectionScreenOutlined />, order: 30 },
    page: (rest) =>
      rest.length > 0 ? null : (
        <Suspense fallback={<Card loading />}>
          <DashboardPage />
        </Suspense>
      ),
  },
  {
    key: 'proposals',
    nav: { label: '提案建议', icon: <SolutionOutlined />, order: 40 },
    // #/proposals (list, filters in the query), #/proposals/stats (统计), #/proposals/settings, #/proposals/<id>.
    page: (rest, query) => {
      if (rest.length > 1) return null;
      const id = one(rest);
      if (id === 'settings') return <ProposalSettingsPage />;
      if (id === 'stats')
        return (
          <Suspense fallback={<Card loading />}>
            <ProposalStatsPage />
          </Suspense>
        );
      return id ? <ProposalDetailPage key={id} id={id} /> : <ProposalsPage query={query} />;
    },
    records: { proposal: { label: '提案建议', order: 40, color: 'volcano', href: (id) => buildHash(['proposals', id]) } },
    workbench: [{ key: 'proposal-todo', order: 35, width: 'half', render: () => <ProposalTodoCard /> }],
  },
  {
    key: 'petitions',
    nav: { label: '信访投诉', icon: <MessageOutlined />, order: 50 },
    page: ([id, ...more]) => (more.length > 0 ? null : id === 'new' ? <RegisterPage /> : id ? <PetitionDetailPage key={id} id={id} /> : <PetitionsPage />),
    records: { petition: { label: '信访事项', order: 50, color: 'volcano', href: (id) => buildHash(['petitions', id]) } },
  },
  { key: 'directory', nav: { label: '通讯录', icon: <ContactsOutlined />, order: 60 }, page: (rest) => (rest.length > 1 ? null : <DirectoryPage />) },
];

const kinds = new Map(AREA_UIS.flatMap((a) => Object.entries(a.records ?? {})));

/** Where a record of `kind` opens (an unknown kind: the 工作台). */
export const recordHref = (kind: string, id: string): string => kinds.get(kind)?.href(id) ?? buildHash(['workbench']);

/** The record kinds the UI knows, in order, with their names and colours (search filters, tags). */
export const RECORD_KINDS: ReadonlyArray<[string, RecordKindUi]> = [...kinds].sort((a, b) => a[1].order - b[1].order);
