import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { watch } from '../civil/start-helpers';
import { APPLICATION_ROUTE, applicationsOf, applyAs, payFee, texts } from './helpers';

const CHECKOUT_ROUTE = 'packages/pay/pages/checkout/checkout';

async function setUp(key = 'r04') {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const application = await applyAs(gov, token, {}, 3);
  return { gov, token, application };
}

describe('application page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(APPLICATION_ROUTE, { query: { id: 'pp-1' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${APPLICATION_ROUTE}?id=pp-1`)}` }]);
    expectWithinBudgets(page);
  });

  it('shows an unpaid application: pay by the hold time, the details masked, Pay opens checkout', async () => {
    const { gov, application } = await setUp();
    const page = await renderPage(APPLICATION_ROUTE, { gov, query: { id: application.id } });
    expect(page.textOf('#status')).toBe('待缴费');
    expect(page.textOf('#reference')).toBe(application.reference);
    expect(page.textOf('#next')).toMatch(/^请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前缴纳申请费 120.00 元，否则预约名额不再保留。$/);
    expect(page.textOf('#applicant')).toBe(`${application.applicant.name} ${application.applicant.idMasked}`);
    expect(page.text()).not.toContain('440106200411230014');
    expect(page.textOf('#validity')).toBe('10 年');
    expect(page.textOf('#photo')).toBe('52.0 KB，390×567 像素');
    expect(page.textOf('#office')).toBe('广州市越秀区出入境办证大厅');
    expect(page.textOf('#fee')).toBe('120.00 元，待缴纳');
    expect(texts(page, '#timeline .pp-value')).toEqual(['提交申请']);
    expect(page.textOf('#cancel-until')).toBe('申请费还没有缴纳，预约前可以随时取消，不收取任何费用。');
    await page.tap('#pay');
    expect(fake.navigations.pop()?.url).toMatch(/^\/packages\/pay\/pages\/checkout\/checkout\?order=/);
    expectWithinBudgets(page);
  });

  it('leaves the fee payable when the payment is cancelled or fails: the Pay button again', async () => {
    const { gov, token, application } = await setUp();
    const page = await renderPage(APPLICATION_ROUTE, { gov, query: { id: application.id } });
    await page.tap('#pay');
    const order = new URLSearchParams((fake.navigations.pop()?.url ?? '').split('?')[1]).get('order') ?? '';
    const checkout = await renderPage(CHECKOUT_ROUTE, { gov, query: { order } });
    fake.paymentOutcome = 'cancel';
    await checkout.tap('#pay');
    fake.paymentOutcome = 'fail';
    await checkout.tap('#pay');
    const back = await renderPage(APPLICATION_ROUTE, { gov, query: { id: application.id } });
    expect(back.textOf('#fee')).toBe('120.00 元，待缴纳');
    expect(back.find('#pay')).toBeDefined();
    expect((await applicationsOf(gov, token)).map((a) => a.fee)).toEqual(['payable']);
    // Paying now goes through.
    fake.paymentOutcome = 'success';
    await back.tap('#pay');
    const again = await renderPage(CHECKOUT_ROUTE, { gov, query: { order: new URLSearchParams((fake.navigations.pop()?.url ?? '').split('?')[1]).get('order') ?? '' } });
    await again.tap('#pay');
    expect((await applicationsOf(gov, token)).map((a) => [a.status, a.fee])).toEqual([['booked', 'paid']]);
    expectWithinBudgets(page);
    expectWithinBudgets(checkout);
    expectWithinBudgets(back);
  });

  it('tells a booked applicant what to bring, and cancels after a confirm with the fee refunded', async () => {
    const { gov, token, application } = await setUp();
    await payFee(gov, token, application);
    const page = await renderPage(APPLICATION_ROUTE, { gov, query: { id: application.id } });
    expect(page.textOf('#status')).toBe('已预约');
    expect(page.textOf('#next')).toMatch(/^请带上身份证，于 .+ 到广州市越秀区出入境办证大厅办理。$/);
    expect(page.find('#pay')).toBeUndefined();
    expect(page.textOf('#fee')).toBe('120.00 元，已缴纳');
    expect(page.textOf('#cancel-until')).toMatch(/^\d{4}-\d{2}-\d{2} 00:00 前可以取消，已缴的申请费全额退回。$/);
    fake.modalAnswer = false;
    const log = watch(gov);
    await page.tap('#cancel');
    expect(fake.modals.at(-1)).toEqual({ title: '取消这份申请？', content: '取消后预约作废，已缴的 120.00\u00a0元申请费将原路退回。' });
    expect(log).toEqual([]);
    fake.modalAnswer = true;
    await page.tap('#cancel');
    expect(log.map((l) => l.call)).toEqual([`POST /exit-entry/applications/${application.id}/cancel`]);
    expect(messageAt(page, '#notice').kind).toBe('success');
    expect(page.textOf('#notice')).toBe('申请已取消，申请费将原路退回。');
    expect(page.textOf('#status')).toBe('已取消并退款');
    expect(page.textOf('#fee')).toBe('120.00 元，已退款');
    expect(page.find('#cancel')).toBeUndefined();
    expect(texts(page, '#timeline .pp-value')).toEqual(expect.arrayContaining(['提交申请', '缴纳申请费', '取消申请']));
    expect((await applicationsOf(gov, token)).map((a) => [a.status, a.fee])).toEqual([['cancelled', 'refunded']]);
    expectWithinBudgets(page);
  });

  it('says not found, with a way back, for an empty query and for another person\'s application', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(APPLICATION_ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('没有找到这份护照申请。');
    await page.tap('#state >>> .load-forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/passport/pages/applications/applications' });
    expectWithinBudgets(page);
    const theirs = await applyAs(gov, await signInAs(gov, 'r09'));
    await signInAs(gov, 'r04');
    const other = await renderPage(APPLICATION_ROUTE, { gov, query: { id: theirs.id } });
    expect(other.textOf('#state >>> .load-message')).toBe('没有找到这份护照申请。');
    expectWithinBudgets(other);
  });

  it('reads in English', async () => {
    const { gov, application } = await setUp();
    const page = await renderPage(APPLICATION_ROUTE, { gov, query: { id: application.id }, language: 'en' });
    expect(page.textOf('#status')).toBe('Fee due');
    expect(page.textOf('#pay')).toBe('Pay the fee');
    expect(page.textOf('#office')).toBe('Guangzhou Yuexiu Exit-Entry Service Hall');
    // Only the applicant's own name is in Chinese.
    expect(page.text().replace(application.applicant.name, '')).not.toMatch(/[\u4e00-\u9fff]/);
    expectWithinBudgets(page);
  });
});
