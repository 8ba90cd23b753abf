// Words of the services page (report a problem: the categories), in zh-CN and en (every key in both).
export const servicesZh = {
  rpServicesTitle: '上报问题',
  rpSearch: '搜索问题类型，例如 路灯、违停',
  rpSearchLabel: '搜索问题类型',
  rpMineHint: '查看办理进度、评价处理结果',
  'rpSide.all': '全部',
  'rpSide.city': '12345 市民诉求',
  'rpSide.police': '公安交警',
  rpNoMatch: '没有找到与“{query}”相关的问题类型。您可以换个说法，或者拨打 12345。',
};

export const servicesEn: Record<keyof typeof servicesZh, string> = {
  rpServicesTitle: 'Report a problem',
  rpSearch: 'Search, e.g. street light, parking',
  rpSearchLabel: 'Search the kinds of problem',
  rpMineHint: 'See where they are, and rate how they were handled',
  'rpSide.all': 'All',
  'rpSide.city': '12345 city hotline',
  'rpSide.police': 'Police',
  rpNoMatch: 'Nothing matches "{query}". Try other words, or call 12345.',
};
