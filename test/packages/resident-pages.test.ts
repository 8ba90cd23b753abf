// Review of issue 12 as a resident: every new page (newborn and passport) opened with an empty query, in
// Chinese and English, in large text and offline. Nothing is blank, nothing spins for ever, no word key or
// unfilled placeholder shows, and an error says what to do (a retry that works once back online).
import { fake } from '../helpers/fake-wx';
import { createTestGovernment } from '../helpers/government';
import { expectWithinBudgets, renderPage, type RenderedPage } from '../helpers/render';
import { signInAs } from '../helpers/session';

const PAGES: [string, string][] = [
  ['packages/newborn/pages/register/register', 'r07'],
  ['packages/newborn/pages/registration/registration', 'r07'],
  ['packages/passport/pages/applications/applications', 'r04'],
  ['packages/passport/pages/apply/apply', 'r04'],
  ['packages/passport/pages/application/application', 'r04'],
];
const LANGUAGES = ['zh_CN', 'en'];
const CASES = PAGES.flatMap(([route, key]) => LANGUAGES.map((language): [string, string, string] => [route, language, key]));

/** What a person can read holds no word key, no `{placeholder}`, no "undefined"/"null"/"NaN", and in English no Chinese but names. */
function expectReadable(page: RenderedPage, language: string): void {
  const text = page.text();
  expect(text.length).toBeGreaterThan(10);
  expect(text).not.toMatch(/\{\w+\}|undefined|\bnull\b|NaN|\bfield\.|\berr\.[A-Z]/);
  if (language === 'en') expect(text.replace(/[张李孙周王]\S?\*?\S?/g, '')).not.toMatch(/[\u4e00-\u9fff]{3,}/);
}

describe('the new pages as a resident meets them', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(CASES)('%s (%s) with an empty query: something to read and a way on, never a spinner', async (route, language, key) => {
    const gov = createTestGovernment();
    await signInAs(gov, key);
    const page = await renderPage(route, { gov, language });
    expect(page.data.status).not.toBe('loading');
    expectReadable(page, language);
    // Either the page itself, or a message with a button (retry or a way to somewhere).
    if (page.data.status === 'error') expect(page.findAll('#state >>> .load-action').length).toBeGreaterThan(0);
    expectWithinBudgets(page);
  });

  it.each(CASES)('%s (%s) in large text: the class is on the page and the text is there', async (route, language, key) => {
    const gov = createTestGovernment();
    await signInAs(gov, key);
    fake.storage.set('settings.largeText', true);
    const page = await renderPage(route, { gov, language });
    expect(page.data.large).toBe(true);
    expect(page.find('.large-text')).toBeDefined();
    expectReadable(page, language);
    expectWithinBudgets(page);
  });

  it.each(CASES)('%s (%s) offline: says so with a retry (or a way on), and the retry works once back online', async (route, language, key) => {
    const gov = createTestGovernment();
    await signInAs(gov, key);
    gov.transport.setFault('offline');
    const page = await renderPage(route, { gov, language });
    expect(page.data.status).not.toBe('loading');
    expectReadable(page, language);
    const retry = page.find('#state >>> .load-retry');
    // The pages that read from the government before showing anything must offer the retry.
    if (!route.endsWith('/registration') && !route.endsWith('/application')) expect(retry).toBeDefined();
    if (page.data.status === 'error' && retry) {
      expect(page.textOf('#state >>> .load-message')).toMatch(language === 'en' ? /network|connection|offline/i : /网络/);
      gov.transport.setFault('none');
      await page.tap('#state >>> .load-retry');
      expect(page.data.status).not.toBe('loading');
      expectReadable(page, language);
    }
    expectWithinBudgets(page);
  });
});
