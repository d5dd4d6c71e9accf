import { DashboardOutlined, SettingOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { AREA_UIS } from '../areas/registry';
import { buildHash } from '../router/hash';
import { navigate } from '../router/useRoute';

/**
 * Left navigation: the 工作台 first, each area's entry (areas/registry.tsx) by its order, 设置 last.
 * The visible labels are part of the UI contract (tests click them).
 */
export const NAV_ITEMS: NonNullable<MenuProps['items']> = [
  { key: 'workbench', label: '工作台', icon: <DashboardOutlined />, order: 0 },
  ...AREA_UIS.map((a) => ({ key: a.key, label: a.nav.label, icon: a.nav.icon, order: a.nav.order })),
  { key: 'settings', label: '设置', icon: <SettingOutlined />, order: 1000 },
]
  .sort((a, b) => a.order - b.order)
  .map(({ key, label, icon }) => ({ key, label, icon }));

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
