// Words of the bills bind pages, in zh-CN and en (every key in both).
export const bindZh = {
  bindPlaceholder: '',
};

export type BindKey = keyof typeof bindZh;

export const bindEn: Record<BindKey, string> = {
  bindPlaceholder: '',
};
