import type { ThemeConfig } from 'antd';

/**
 * 政务蓝: a sober blue, system Chinese fonts. With `reduceMotion` (the system's 减弱动态效果 /
 * prefers-reduced-motion) dialogs, drawers and menus appear without zooming or sliding.
 */
export const themeFor = (reduceMotion: boolean): ThemeConfig => ({
  token: {
    motion: !reduceMotion,
    colorPrimary: '#1d58a8',
    borderRadius: 4,
    fontFamily:
      '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#1d58a8', headerHeight: 56, headerPadding: '0 24px', siderBg: '#fff', bodyBg: '#f0f2f5' },
  },
});
