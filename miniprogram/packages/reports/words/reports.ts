// Words of the my-reports page, in zh-CN and en (every key in both).
export const reportsZh = {
  rpReportsTitle: '我的上报',
  rpMineHeading: '我提交和关注的上报',
  rpEmpty: '您还没有上报或关注过问题。',
  rpReportProblem: '上报问题',
  rpMore: '加载更多',
};

export const reportsEn: Record<keyof typeof reportsZh, string> = {
  rpReportsTitle: 'My reports',
  rpMineHeading: 'Reports I made or follow',
  rpEmpty: 'You have not reported or followed a problem yet.',
  rpReportProblem: 'Report a problem',
  rpMore: 'Show more',
};
