// Words are checked by the compiler: a service, record kind, offence or item kind without words fails
// the type check (the @ts-expect-error lines below fail `tsc` if a missing key were ever accepted), and
// every one of them reads as words in both languages, never as a raw key.
import { OFFENCES, type Offence } from '../../miniprogram/contracts/fines';
import { RECORD_KINDS } from '../../miniprogram/contracts/records';
import { setLocaleSetting } from '../../miniprogram/core/i18n';
import { text } from '../../miniprogram/i18n/main';
import { finesText } from '../../miniprogram/packages/fines/i18n';
import { lineView } from '../../miniprogram/packages/pay/lines';
import { CATALOGUE } from '../../miniprogram/services/catalogue';

describe('typed words', () => {
  it('refuses keys that have no words at compile time', () => {
    // @ts-expect-error: no service has this id, so it has no name.
    expect(() => text.t('svc.casino')).not.toThrow();
    const offence: Offence = OFFENCES[0];
    expect(finesText.t(`offence.${offence}`)).not.toBe(`offence.${offence}`);
    // @ts-expect-error: an offence code that is not in the union has no words.
    expect(() => finesText.t('offence.jaywalking-on-the-moon')).not.toThrow();
  });

  it.each(['zh-CN', 'en'] as const)('gives every service, record kind, offence and item kind words in %s', (locale) => {
    setLocaleSetting(locale);
    const read = [
      ...CATALOGUE.flatMap((entry) => [text.t(`svc.${entry.id}`), text.t(`kw.${entry.id}`)]),
      ...RECORD_KINDS.map((kind) => text.t(`record.${kind}`, { count: 1, idMasked: '1101**********002X' })),
      ...OFFENCES.map((offence) => finesText.t(`offence.${offence}`)),
      lineView({ agency: 'police', itemId: 'n1', kind: 'traffic-fine', amountFen: 100, detail: { plate: '粤B12345', date: '2026-11-01' } }).title,
    ];
    read.forEach((words) => {
      expect(words).toBeTruthy();
      expect(words).not.toMatch(/^(svc|kw|record|offence|item)\./);
      expect(words).not.toMatch(/\{\w+\}/);
    });
  });
});
