// Words of the passport applications page, in zh-CN and en (every key in both).
export const applicationsZh = {
  applicationsTitle: '护照申请',
  applicationsMine: '我的护照申请',
  applicationsEmpty: '您还没有护照申请。',
  applicationsApplyHeading: '申请护照',
  applicationsFirst: '首次申领护照',
  applicationsFirstHint: '从未办理过护照，或护照已注销',
  applicationsRenewal: '换发护照',
  applicationsRenewalHint: '护照即将到期、签证页用完或损毁',
};

export const applicationsEn: Record<keyof typeof applicationsZh, string> = {
  applicationsTitle: 'Passport applications',
  applicationsMine: 'My passport applications',
  applicationsEmpty: 'You have no passport applications yet.',
  applicationsApplyHeading: 'Apply for a passport',
  applicationsFirst: 'Apply for a first passport',
  applicationsFirstHint: 'You have never had a passport, or yours was cancelled',
  applicationsRenewal: 'Renew a passport',
  applicationsRenewalHint: 'Yours expires soon, its visa pages are full, or it is damaged',
};
