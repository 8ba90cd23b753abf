// What each traffic offence is called, in zh-CN and en: the fines pages and the payment lines (checkout,
// receipt) both name it, so the words live once, in the main package that both subpackages may use.
import type { Offence } from '../contracts/fines';

export const offenceZh: Record<`offence.${Offence}`, string> = {
  'offence.red-light': '驾驶机动车违反道路交通信号灯通行',
  'offence.lane-marking': '驾驶机动车违反禁止标线指示',
  'offence.speeding-20': '驾驶机动车超过规定时速 20% 以上未达 50%',
  'offence.speeding-50': '驾驶机动车超过规定时速 50% 以上',
  'offence.no-parking': '机动车违反规定停放',
  'offence.phone': '驾驶时拨打接听手持电话',
  'offence.seatbelt': '驾驶人未按规定使用安全带',
  'offence.pedestrian': '机动车行经人行横道未礼让行人',
};

export const offenceEn: Record<`offence.${Offence}`, string> = {
  'offence.red-light': 'Drove through a red light',
  'offence.lane-marking': 'Crossed a no-crossing road marking',
  'offence.speeding-20': 'Speeding by 20% to 50%',
  'offence.speeding-50': 'Speeding by 50% or more',
  'offence.no-parking': 'Parked where parking is not allowed',
  'offence.phone': 'Used a hand-held phone while driving',
  'offence.seatbelt': 'Driver not wearing a seat belt',
  'offence.pedestrian': 'Did not give way to pedestrians at a crossing',
};
