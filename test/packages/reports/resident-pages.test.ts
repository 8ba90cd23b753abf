// Review of issue 13 as a resident: every new page (reports and accident) opened with an empty query, in
// Chinese and English, in large text and offline. Nothing is blank, nothing spins for ever, no word key or
// unfilled placeholder shows, and an error says what to do (a retry that works once back online).
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';

const PAGES: string[] = [
  'packages/reports/pages/services/services',
  'packages/reports/pages/compose/compose',
  'packages/reports/pages/reports/reports',
  'packages/reports/pages/report/report',
  'packages/accident/pages/accident/accident',
  'packages/accident/pages/confirm/confirm',
  'packages/accident/pages/settle/settle',
];
const LANGUAGES = ['zh_CN', 'en'];
const CASES = PAGES.flatMap((route) => LANGUAGES.map((language): [string, string] => [route, language]));

/** What a person can read holds no word key, no `{placeholder}`, no "undefined"/"null"/"NaN", and in English no Chinese but names and places. */
function expectReadable(page: RenderedPage, language: string): void {
  const text = page.text();
  expect(text.length).toBeGreaterThan(10);
  expect(text).not.toMatch(/\{\w+\}|undefined|\bnull\b|NaN|\bfield\.|\berr\.[A-Z]|\brp[A-Z]\w+|\bac[A-Z]\w+/);
  if (language === 'en') expect(text).not.toMatch(/[\u4e00-\u9fff]{3,}/);
}

describe('the new pages as a resident meets them', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(CASES)('%s (%s) with an empty query: something to read and a way on, never a spinner', async (route, language) => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(route, { gov, language });
    expect(page.data.status).not.toBe('loading');
    expectReadable(page, language);
    // Either the page itself, or a message with a button (retry or a way to somewhere).
    if (page.data.status === 'error') expect(page.findAll('#state >>> .load-action').length).toBeGreaterThan(0);
    expectWithinBudgets(page);
  });

  it.each(CASES)('%s (%s) in large text: the class is on the page and the text is there', async (route, language) => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    fake.storage.set('settings.largeText', true);
    const page = await renderPage(route, { gov, language });
    expect(page.data.large).toBe(true);
    expect(page.find('.large-text')).toBeDefined();
    expectReadable(page, language);
    expectWithinBudgets(page);
  });

  it.each(CASES)('%s (%s) offline: says so with a retry (or a way on), and the retry works once back online', async (route, language) => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const page = await renderPage(route, { gov, language });
    expect(page.data.status).not.toBe('loading');
    expectReadable(page, language);
    const retry = page.find('#state >>> .load-retry');
    // With nothing to read (an empty query) a page may say so without asking the network: a way on is enough.
    if (page.data.status === 'error') expect(page.findAll('#state >>> .load-action').length).toBeGreaterThan(0);
    if (page.data.status === 'error' && retry) {
      expect(page.textOf('#state >>> .load-message')).toMatch(language === 'en' ? /network|connection|offline/i : /网络/);
      gov.transport.setFault('none');
      await page.tap('#state >>> .load-retry');
      expect(page.data.status).not.toBe('loading');
      expect(page.data.status).not.toBe('error');
      expectReadable(page, language);
    }
    expectWithinBudgets(page);
  });
});
