// Order lines in the reader's language: a traffic fine names its offence and the points it records, in
// the same words as the fines package (both read them from the main package's i18n/offences.ts).
import { OFFENCES } from '../../../miniprogram/contracts/fines';
import type { OrderLine } from '../../../miniprogram/contracts/payments';
import { setLocaleSetting } from '../../../miniprogram/core/i18n';
import { finesTables } from '../../../miniprogram/packages/fines/i18n';
import { payTables } from '../../../miniprogram/packages/pay/i18n';
import { lineView } from '../../../miniprogram/packages/pay/lines';

const fine = (detail: OrderLine['detail']): OrderLine => ({ agency: 'police', itemId: 'n1', kind: 'traffic-fine', amountFen: 20000, detail });

describe('order lines', () => {
  afterEach(() => setLocaleSetting('system'));

  it.each(['zh-CN', 'en'] as const)('words every offence as the fines package does, in %s', (locale) => {
    OFFENCES.forEach((offence) => {
      expect(payTables[locale][`offence.${offence}`]).toBe(finesTables[locale][`offence.${offence}`]);
    });
  });

  it('names a fine\'s offence and points, and says when it records none', () => {
    setLocaleSetting('zh-CN');
    expect(lineView(fine({ plate: '粤B12345', date: '2026-11-17', offence: 'red-light', points: 6 }))).toMatchObject({
      title: '驾驶机动车违反道路交通信号灯通行', sub: '粤B12345 · 2026-11-17 · 记\u00a06\u00a0分', amount: '¥200.00',
    });
    expect(lineView(fine({ plate: '粤B12345', date: '2026-10-01', offence: 'no-parking', points: 0 })).sub).toBe('粤B12345 · 2026-10-01 · 不记分');
    setLocaleSetting('en');
    expect(lineView(fine({ plate: '粤B12345', date: '2026-10-01', offence: 'no-parking', points: 0 }))).toMatchObject({
      title: 'Parked where parking is not allowed', sub: '粤B12345 · 2026-10-01 · no points',
    });
    expect(lineView(fine({ plate: '粤B12345', date: '2026-10-01', offence: 'seatbelt', points: 1 })).sub).toBe('粤B12345 · 2026-10-01 · 1\u00a0point');
  });

  it('reads an offence this version does not know as a traffic fine, and an order from before points as plate and date', () => {
    setLocaleSetting('en');
    expect(lineView(fine({ plate: '粤B12345', date: '2026-10-01', offence: 'hovercraft', points: 2 })).title).toBe('Traffic fine');
    expect(lineView(fine({ plate: '粤B12345', date: '2026-10-01', offence: 'red-light' }))).toMatchObject({ title: 'Drove through a red light', sub: '粤B12345 · 2026-10-01' });
    expect(lineView(fine({ plate: '粤B12345', date: '2026-10-01' })).title).toBe('Traffic fine');
  });
});
