// A resident pays a fine as they would: tick it on the notices, pay at checkout, read the receipt,
// and find the payment in My records; every step drives the page, nothing is put in place directly.
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bindAs } from '../fines/helpers';

const lastUrl = (): string => fake.navigations[fake.navigations.length - 1]?.url ?? '';
const queryOf = (url: string): Record<string, string> => Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));

describe('paying a fine, from the notices to My records', () => {
  it('pays the 8-days-late fine and then sees it paid in the list and in My records', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');

    const notices = await renderPage('packages/fines/pages/notices/notices', { gov, query: { vehicle: car.id }, language: 'en' });
    await notices.tap('#check-1');
    expect(notices.textOf('#selection')).toBe('1 selected, ¥248.00 in total');
    await notices.tap('#pay');
    expect(lastUrl()).toMatch(/^\/packages\/pay\/pages\/checkout\/checkout\?order=po/);
    await notices.call('onHide');

    const checkout = await renderPage('packages/pay/pages/checkout/checkout', { gov, query: queryOf(lastUrl()), language: 'en' });
    expect(checkout.textOf('#total')).toBe('¥248.00');
    await checkout.tap('#pay');
    expect(fake.payments).toHaveLength(1);
    expect(lastUrl()).toMatch(/^\/packages\/pay\/pages\/receipt\/receipt\?order=po/);

    const receipt = await renderPage('packages/pay/pages/receipt/receipt', { gov, query: queryOf(lastUrl()), language: 'en' });
    const reference = receipt.textOf('#reference');
    expect(reference).toBe('PAY20261122000001');
    expect(receipt.textOf('#total')).toBe('¥248.00');
    expect(fake.titles[fake.titles.length - 1]).toBe('Payment received');

    // Done leads back to the notices, which show the fine paid.
    await notices.call('onShow');
    expect(notices.textOf('.summary-text')).toBe('2 unpaid · ¥600.00 due · 12 points pending');

    const records = await renderPage('packages/records/pages/records/records', { gov, language: 'en' });
    expect(records.text()).toContain(reference);
    expect(records.text()).toContain('¥248.00');
    expect(fake.payments).toHaveLength(1);
    [notices, checkout, receipt, records].forEach(expectWithinBudgets);
  });
});
