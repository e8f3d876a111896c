import type { ThemeConfig } from 'antd';

/** A calm government blue; CJK fonts first so that Chinese renders with the system's best face. */
export const BRAND_BLUE = '#1d5fb4';
export const NAVY = '#0f2d52';

export const theme: ThemeConfig = {
  // antd's component styles come from its prebuilt stylesheet (imported in main.tsx) instead of being generated in
  // the browser on first render: that generation was about a quarter of the main thread's work before the first
  // page showed (bench/cockpit-render.bench.ts). The tokens below still apply: antd sets them as CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    colorBgLayout: '#f2f5f9',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      siderBg: NAVY,
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 20px',
      footerBg: 'transparent',
    },
    Menu: {
      darkItemBg: NAVY,
      darkSubMenuItemBg: '#0b2443',
      darkItemSelectedBg: BRAND_BLUE,
      darkGroupTitleColor: 'rgba(255,255,255,0.45)',
    },
    Table: { headerBg: '#f5f8fc' },
  },
};
