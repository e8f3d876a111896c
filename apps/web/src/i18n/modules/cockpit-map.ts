/** Strings of the cockpit's Quanzhou county map: zh-CN (source) and en-US (same keys, checked by the compiler). */
export const cockpitMapZh = {
  ariaLabel: '泉州市县（市、区）地图',
  loading: '正在加载地图…',
  loadFailed: '地图加载失败，请刷新页面重试',
  noData: '无数据',
  notOnMap: '未在地图中显示',
  notOnMapHint: '开发区、投资区等功能区没有行政区划界线，数值列在此处，不计入地图着色',
  light: {
    green: '绿灯',
    yellow: '黄灯',
    red: '红灯',
  },
  illustration: '示意图，非标准地图，行政区界线仅供参考',
};

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export const cockpitMapEn: Widen<typeof cockpitMapZh> = {
  ariaLabel: 'Map of the counties of Quanzhou',
  loading: 'Loading the map…',
  loadFailed: 'The map could not be loaded; reload the page to try again',
  noData: 'No data',
  notOnMap: 'Not on the map',
  notOnMapHint:
    'Development and investment zones have no administrative boundary: their figures are listed here and not coloured on the map',
  light: {
    green: 'Green',
    yellow: 'Yellow',
    red: 'Red',
  },
  illustration: 'Schematic map, not the official standard map; boundaries for reference only',
};
