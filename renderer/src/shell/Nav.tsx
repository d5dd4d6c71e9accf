import {
  AuditOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FundProjectionScreenOutlined,
  FileTextOutlined,
  MessageOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { buildHash } from '../router/hash';
import { navigate } from '../router/useRoute';

/** Left navigation. The visible labels are part of the UI contract (tests click them). */
export const NAV_ITEMS = [
  { key: 'workbench', label: '工作台', icon: <DashboardOutlined /> },
  { key: 'documents', label: '公文', icon: <FileTextOutlined /> },
  { key: 'supervision', label: '督查督办', icon: <AuditOutlined /> },
  { key: 'dashboard', label: '一屏通览', icon: <FundProjectionScreenOutlined /> },
  { key: 'proposals', label: '提案建议', icon: <SolutionOutlined /> },
  { key: 'petitions', label: '信访投诉', icon: <MessageOutlined /> },
  { key: 'directory', label: '通讯录', icon: <ContactsOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
] as const satisfies MenuProps['items'];

export type NavKey = (typeof NAV_ITEMS)[number]['key'];

export function Nav({ selected }: { selected: string | undefined }) {
  return (
    <Menu
      mode="inline"
      items={NAV_ITEMS}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => navigate(buildHash([key]))}
      style={{ borderInlineEnd: 'none', paddingTop: 8 }}
    />
  );
}
