/** Strings of the notify pages: zh-CN (source) and en-US (same keys, checked by the compiler). */
export const notifyZh = {
  title: 'notify',
};

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export const notifyEn: Widen<typeof notifyZh> = {
  title: 'notify',
};
