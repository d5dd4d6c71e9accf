import type { ThemeConfig } from 'antd';

/** 政务蓝: a sober blue, system Chinese fonts. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d58a8',
    borderRadius: 4,
    fontFamily:
      '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#1d58a8', headerHeight: 56, headerPadding: '0 24px', siderBg: '#fff', bodyBg: '#f0f2f5' },
  },
};
