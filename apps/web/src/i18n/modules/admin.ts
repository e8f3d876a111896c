/** Strings of the admin pages: zh-CN (source) and en-US (same keys, checked by the compiler). */
export const adminZh = {
  title: 'admin',
};

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export const adminEn: Widen<typeof adminZh> = {
  title: 'admin',
};
