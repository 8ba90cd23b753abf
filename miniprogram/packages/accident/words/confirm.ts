// The other driver's confirmation page, in zh-CN and en (every key in both).
export const confirmZh = {
  acConfirmTitle: '确认事故责任',
  acConfirmIntro: '对方司机上报了你们之间的轻微交通事故。请输入对方出示的确认码和您的车牌，再告诉我们您是否同意对方的责任认定。',
  acConfirmNoLink: '请打开对方分享给您的链接。链接里有这起事故，您再输入对方出示的确认码。',
  acConfirmCode: '确认码',
  acConfirmCodeHint: '8\u00a0位字母和数字，对方提交后显示在对方的手机上',
  acConfirmPlate: '您的车牌',
  acConfirmPlateHint: '您驾驶的车辆的车牌，须与对方上报的一致',
  acConfirmAgree: '我同意对方的责任认定',
  acConfirmDisagree: '我不同意，交给交警认定',
  acConfirmAgreed: '您已确认责任。请立即把车移到不妨碍交通的地方。对方会预约理赔，届时双方一起到服务中心办理。',
  acConfirmDisagreed: '已转交警在线认定。请立即把车移到不妨碍交通的地方，交警会在下一个工作日 17:00 前认定责任。',
  'field.code.REQUIRED': '请输入确认码',
  'field.code.CODE_LENGTH': '确认码是 8\u00a0位字母和数字，您输入了 {count}\u00a0位',
};

export const confirmEn: Record<keyof typeof confirmZh, string> = {
  acConfirmTitle: 'Confirm responsibility',
  acConfirmIntro: 'The other driver has reported a minor accident between you. Type the code they show you and your plate, then tell us whether you agree with what they say about responsibility.',
  acConfirmNoLink: 'Open the link the other driver shared with you: it names the accident. Then type the code they show you.',
  acConfirmCode: 'Code',
  acConfirmCodeHint: '8\u00a0letters and digits, shown on the other driver\'s phone after they submitted',
  acConfirmPlate: 'Your plate',
  acConfirmPlateHint: 'The plate of the vehicle you drove, as the other driver reported it',
  acConfirmAgree: 'I agree with what they say',
  acConfirmDisagree: 'I do not agree: let the police decide',
  acConfirmAgreed: 'You confirmed responsibility. Move your vehicle out of the way now. The other driver books the claim, and you both come to the centre then.',
  acConfirmDisagreed: 'The traffic police will decide online by 17:00 on the next working day. Move your vehicle out of the way now.',
  'field.code.REQUIRED': 'Enter the code',
  'field.code.CODE_LENGTH': 'The code has 8\u00a0letters and digits; you typed {count}',
};
