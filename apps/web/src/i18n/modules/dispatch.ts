/** Strings of the dispatch pages: zh-CN (source) and en-US (same keys, checked by the compiler). */
export const dispatchZh = {
  title: 'dispatch',
};

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export const dispatchEn: Widen<typeof dispatchZh> = {
  title: 'dispatch',
};
