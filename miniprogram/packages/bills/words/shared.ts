// Words every bills page shares: utilities and their units, bill statuses, the late fee in words, and
// what each government code means to a resident.
export const sharedZh = {
  'utility.electricity': '电费',
  'utility.water': '水费',
  'utility.gas': '燃气费',
  'unit.kWh': '{usage}\u00a0度',
  'unit.m3': '{usage}\u00a0立方米',
  'status.unpaid': '待缴',
  'status.paid': '已缴',
  'status.overdue': '已逾期',
  paidByOther: '已由共同使用这个户号的家人缴纳',
  lateFeeWords: '欠费 {arrears} + 滞纳金 {fee}（逾期 {days}\u00a0天）',
  lateFeeWordsOneDay: '欠费 {arrears} + 滞纳金 {fee}（逾期 1\u00a0天）',
  lateFeeRule: '滞纳金由{company}按规定计算：每天按欠费的 {rate} 计收，不足 {min} 按 {min} 收取。',
  noPartial: '账单需一次缴清，不能只缴一部分：应缴金额包括所有未缴账单和滞纳金。',
  'err.UNKNOWN_COMPANY': '请从列表中选择缴费单位。',
  'err.COMPANY_UTILITY_MISMATCH': '这个单位不提供这项服务，请重新选择缴费单位。',
  'err.ACCOUNT_NOT_FOUND': '没有找到这个户号。请核对账单或缴费通知单上的户号。',
  'err.PROOF_MISMATCH': '户主姓氏或门牌号与这个户号不一致。',
  'err.ALREADY_BOUND': '您已经绑定了这个户号。',
  'err.ACCOUNT_LIMIT': '最多绑定 10\u00a0个户号。请先解绑一个。',
  'err.NOT_FOUND': '没有找到这个户号。请返回后重试。',
};

export type SharedKey = keyof typeof sharedZh;

export const sharedEn: Record<SharedKey, string> = {
  'utility.electricity': 'Electricity',
  'utility.water': 'Water',
  'utility.gas': 'Gas',
  'unit.kWh': '{usage}\u00a0kWh',
  'unit.m3': '{usage}\u00a0m³',
  'status.unpaid': 'Due',
  'status.paid': 'Paid',
  'status.overdue': 'Overdue',
  paidByOther: 'Paid by someone else who shares this account',
  lateFeeWords: 'arrears {arrears} + late fee {fee} ({days}\u00a0days)',
  lateFeeWordsOneDay: 'arrears {arrears} + late fee {fee} (1\u00a0day)',
  lateFeeRule: '{company} charges a late fee of {rate} of the arrears per day, at least {min}.',
  noPartial: 'A bill is paid in full, not in part: the amount due covers every unpaid bill and its late fee.',
  'err.UNKNOWN_COMPANY': 'Choose the company from the list.',
  'err.COMPANY_UTILITY_MISMATCH': 'That company does not supply this utility. Choose the company again.',
  'err.ACCOUNT_NOT_FOUND': 'There is no account with this number. Check the number on your bill.',
  'err.PROOF_MISMATCH': 'The holder\'s surname or the flat number does not match this account.',
  'err.ALREADY_BOUND': 'You have already added this account.',
  'err.ACCOUNT_LIMIT': 'You can add up to 10\u00a0accounts. Remove one first.',
  'err.NOT_FOUND': 'That account was not found. Go back and try again.',
};
