// The civil book page driven like a person: an office, a day and a window, check your answers, book,
// the confirmation; the days that cannot be chosen and why; refusals (the day taken meanwhile, a day
// the rules exclude, booked by the other person, withdrawn meanwhile), the network, a double tap, the
// draft; divorce's application and, after cooling-off, its certificate; the cases that cannot be booked.
import type { ComponentJSON } from 'miniprogram-simulate';
import { DAY_MS } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { TEST_NOW, createClock, createTestGovernment, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { attr, fillDay, watch } from './book-helpers';
import { BUSY_OFFICE, OFFICE, bookFirst, call, caseOf, couple, daysOf, startMarriage } from './helpers';

const ROUTE = 'packages/civil/pages/book/book';
const CASE_PAGE = '/packages/civil/pages/case/case';
const POST = /^POST \/civil\/cases\/[^/]+\/appointments$/;
/** A message box's title and text, as read one after the other. */
const box = (page: RenderedPage, host: string): string[] => [page.textOf(`${host} >>> .message-title`), page.textOf(`${host} >>> .message-text`)];
const textIn = (node: ComponentJSON | string): string => (typeof node === 'string' ? node : node.children.map(textIn).join(''));
/** The words of each child of a node, one after the other: a day's date, weekday and word; an office's lines. */
const parts = (page: RenderedPage, selector: string): string[] => (page.find(selector)?.toJSON().children ?? []).map(textIn);
const day = (page: RenderedPage, date: string): string[] => parts(page, `#day-${date}`);
const drafts = (): [string, unknown][] => [...fake.storage.entries()].filter(([key]) => key.includes('.civil-book.'));

/** r04 and r05's accepted marriage case, and the book page open on it for r04. */
async function openMarriage(gov: TestGovernment = createTestGovernment(), language?: string) {
  const pair = await couple(gov);
  await signInAs(gov, 'r04');
  const page = await renderPage(ROUTE, { gov, query: { case: pair.civilCase.id }, language });
  return { gov, page, ...pair };
}

/** Office, day and window chosen, then on to check your answers. */
async function choose(page: RenderedPage, date: string, window = 'am2', office = OFFICE): Promise<void> {
  await page.tap(`#office-${office}`);
  await page.tap(`#day-${date}`);
  await page.tap(`#window-${window}`);
  await page.tap('#next');
}

describe('book page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity, carrying the case', async () => {
    const page = await renderPage(ROUTE, { query: { case: 'cs-0123456789' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?case=cs-0123456789`)}`);
    expectWithinBudgets(page);
  });

  it('says what is missing with an empty query, and leads to the cases', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.textOf('#state >>> .load-message')).toBe('We could not find that application. Open the one you want to book from My marriage registrations.');
    expect(page.textOf('#state >>> #forward')).toBe('See my marriage registrations');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/civil/pages/cases/cases' });
    expectWithinBudgets(page);
  });

  it('reads another person\'s case as missing', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov);
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    expect(page.textOf('#state >>> .load-message')).toBe('没有找到这份申请。请从“我的婚姻登记”打开要预约的申请。');
    expect(page.find('#state >>> .load-retry')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('books r04 and r05\'s marriage at Yuexiu: office, day, window, check your answers, the confirmation, and the government records it', async () => {
    const { gov, page, a, b, civilCase } = await openMarriage();
    expect(page.textOf('.step-count')).toBe('第 1 步，共 3 步');
    expect(parts(page, `#office-${OFFICE}`)).toEqual(['越秀区婚姻登记处', '越秀区', '越秀区东风中路 268 号', '周一至周五 9:00–12:00、14:00–17:00']);
    expect(attr(page, `#office-${OFFICE}`, 'ariaChecked')).toBe(false);
    await page.tap(`#office-${OFFICE}`);
    expect(page.textOf('.step-count')).toBe('第 2 步，共 3 步');
    expect(parts(page, '#chosen-office')).toEqual(['登记处', '越秀区婚姻登记处', '越秀区东风中路 268 号', '更改登记处']);
    // At TEST_NOW (Sunday 11-22) the days run from Monday 11-23, r04's 22nd birthday: none too young.
    const { days } = await daysOf(gov, a, civilCase.id);
    const first = days[0];
    expect(first.date).toBe('2026-11-23');
    expect(page.findAll('.day')).toHaveLength(15);
    expect(day(page, '2026-11-23')).toEqual(['11月23日', '周一', first.status === 'few' ? `仅剩 ${first.remaining}\u00a0个` : `余 ${first.remaining}\u00a0个名额`]);
    expect(page.findAll('.day-too-young')).toHaveLength(0);
    expect(page.find('.day-note')).toBeUndefined();
    await page.tap('#day-2026-11-23');
    expect(attr(page, '#day-2026-11-23', 'ariaChecked')).toBe(true);
    expect(page.textOf('#window-label')).toBe('2026年11月23日（周一）的时段');
    expect(page.findAll('.window').map((w) => w.dom?.textContent)).toEqual(['09:00–10:30', '10:30–12:00', '14:00–15:30', '15:30–17:00']);
    expect(page.findAll('.window .nowrap')).toHaveLength(4);
    await page.tap('#window-am2');
    expect(attr(page, '#window-am2', 'ariaChecked')).toBe(true);
    await page.tap('#next');

    expect(page.textOf('.step-count')).toBe('第 3 步，共 3 步');
    expect(page.textOf('#answer-what')).toBe('结婚登记');
    expect(page.textOf('#answer-office')).toBe('越秀区婚姻登记处');
    expect(page.textOf('#answer-address')).toBe('越秀区东风中路 268 号');
    expect(page.textOf('#answer-date')).toBe('2026年11月23日（周一）');
    expect(page.textOf('#answer-window')).toBe('10:30–12:00');
    expect(page.findAll('.party').map((p) => p.dom?.textContent)).toEqual(['张伟（您）', '刘洋']);
    expect(page.textOf('#answer-bring')).toBe('双方本人的居民身份证。');
    expect(page.textOf('#answer-fee')).toBe('免费');
    expect(page.textOf('#cancel-rule')).toBe('双方须本人一同按时到场。如需改期或取消，最晚须在预约日前一天在申请页取消，预约当天不能在线取消。');
    expect(page.textOf('#confirm')).toBe('确认预约');
    // The change links go back to their step, choices kept.
    await page.tap('#check-window');
    expect(attr(page, '#window-am2', 'ariaChecked')).toBe(true);
    await page.tap('#next');
    await page.tap('#confirm');

    const booked = await caseOf(gov, a, civilCase.id);
    expect(booked.status).toBe('booked');
    expect(booked.upcoming).toMatchObject({ kind: 'marriage', date: '2026-11-23', window: { id: 'am2' }, office: { id: OFFICE }, bookedBy: 'you' });
    expect((await caseOf(gov, b, civilCase.id)).upcoming?.bookedBy).toBe('other');
    expect(messageAt(page, '#done')).toEqual({ kind: 'success', role: 'status' });
    expect(box(page, '#done')).toEqual(['预约成功', '已为你们二人预约结婚登记，对方也会在申请中看到这个预约。']);
    expect(page.textOf('#reference')).toBe(booked.upcoming?.reference);
    expect(page.textOf('#done-office')).toBe('越秀区婚姻登记处');
    expect(page.textOf('#done-address')).toBe('越秀区东风中路 268 号');
    expect(page.textOf('#done-date')).toBe('2026年11月23日（周一）');
    expect(page.textOf('#done-window')).toBe('10:30–12:00');
    expect(page.textOf('#done-bring')).toBe('双方本人的居民身份证（2025 年 5 月 10 日起无需户口簿）。不收费。');
    expect(page.textOf('#done-fee')).toBe('免费');
    expect(page.textOf('#done-at-office')).toBe('双方须本人一同到场：取号、核验身份、当面签署《申请结婚登记声明书》、合影，约 30 分钟后当场领取结婚证。');
    expect(page.textOf('#done-cancel')).toBe('2026-11-23 00:00 前可以在申请页取消');
    expect(drafts()).toEqual([]);
    await page.tap('#home');
    expect(fake.navigations.pop()).toEqual({ kind: 'switchTab', url: '/pages/home/home' });
    await page.tap('#see-case');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${civilCase.id}` });
    expectWithinBudgets(page);
  });

  it('shows the check step in English', async () => {
    const { page } = await openMarriage(createTestGovernment(), 'en');
    expect(page.textOf('#step-office .step-title')).toBe('Choose a marriage registry');
    await page.tap(`#office-${OFFICE}`);
    expect(day(page, '2026-11-28')).toEqual(['28 Nov', 'Sat', 'Closed']);
    await page.tap('#day-2026-11-23');
    await page.tap('#window-pm1');
    await page.tap('#next');
    expect(page.textOf('.step-count')).toBe('Step 3 of 3');
    expect(page.textOf('#answer-what')).toBe('Marriage registration');
    expect(page.textOf('#answer-office')).toBe('Yuexiu District Marriage Registry');
    expect(page.textOf('#answer-date')).toBe('Mon 23 Nov 2026');
    expect(page.textOf('#answer-window')).toBe('14:00–15:30');
    expect(page.findAll('.party').map((p) => p.dom?.textContent)).toEqual(['张伟 (you)', '刘洋']);
    expect(page.textOf('#answer-bring')).toBe('Each of you: your own resident ID card.');
    expect(page.textOf('#answer-fee')).toBe('Free');
    expect(page.textOf('#confirm')).toBe('Confirm booking');
    await page.tap('#confirm');
    expect(box(page, '#done')).toEqual(['Booked', 'Your marriage registration is booked for both of you; the other person sees it in the application too.']);
    expect(page.textOf('#see-case')).toBe('See the application');
    expectWithinBudgets(page);
  });

  it('shows weekends closed and Tianhe\'s Fridays full, and neither can be chosen', async () => {
    const { gov, page, a, civilCase } = await openMarriage();
    await page.tap(`#office-${BUSY_OFFICE}`);
    const { days } = await daysOf(gov, a, civilCase.id, BUSY_OFFICE);
    expect(days.filter((d) => d.weekday === 5).map((d) => [d.date, d.status])).toEqual([['2026-11-27', 'full'], ['2026-12-04', 'full']]);
    expect(day(page, '2026-11-27')).toEqual(['11月27日', '周五', '已约满']);
    expect(day(page, '2026-11-28')).toEqual(['11月28日', '周六', '不办公']);
    expect(day(page, '2026-11-29')).toEqual(['11月29日', '周日', '不办公']);
    expect(attr(page, '#day-2026-11-27', 'ariaDisabled')).toBe(true);
    for (const date of ['2026-11-27', '2026-11-28']) {
      await page.tap(`#day-${date}`);
      expect(attr(page, `#day-${date}`, 'ariaChecked')).toBe(false);
      expect(page.findAll('.window')).toHaveLength(0);
    }
    await page.tap('#next');
    expect(page.textOf('#date-error')).toBe('请选择日期');
    expect(page.textOf('#window-error')).toBe('请选择时段');
    expect(page.textOf('#error-summary')).toContain('请选择日期');
    await page.tap('#day-2026-11-26');
    expect(page.find('#date-error')).toBeUndefined();
    await page.tap('#window-pm2');
    expect(page.find('#window-error')).toBeUndefined();
    await page.tap('#next');
    expect(page.textOf('#answer-office')).toBe('天河区婚姻登记处');
    expect(page.textOf('#answer-date')).toBe('2026年11月26日（周四）');
    expectWithinBudgets(page);
  });

  it('says which days are before one of them is of age, and they cannot be chosen', async () => {
    // Three days before TEST_NOW the days start on Friday 11-20, before r04's 22nd birthday on 11-23.
    const gov = createTestGovernment(createClock(TEST_NOW - 3 * DAY_MS));
    const { page } = await openMarriage(gov);
    await page.tap(`#office-${OFFICE}`);
    expect(day(page, '2026-11-20')).toEqual(['11月20日', '周五', '未到法定婚龄']);
    expect(page.textOf('.day-note')).toBe('标着“未到法定婚龄”的日期，你们中有一方还未到法定婚龄（男 22 周岁，女 20 周岁），不能登记。');
    await page.tap('#day-2026-11-20');
    expect(attr(page, '#day-2026-11-20', 'ariaChecked')).toBe(false);
    await page.tap('#day-2026-11-23');
    expect(attr(page, '#day-2026-11-23', 'ariaChecked')).toBe(true);
    expectWithinBudgets(page);
  });

  it('loses a day taken meanwhile: the panel, the days read again, the office kept, and another day books', async () => {
    const { gov, page, a, civilCase } = await openMarriage();
    await choose(page, '2026-11-24');
    // Other couples take every place left on 11-24 while r04 checks the answers.
    await fillDay(gov, a, civilCase.id, OFFICE, '2026-11-24');
    const before = gov.snapshot();
    await page.tap('#confirm');
    expect(gov.snapshot()).toBe(before);
    expect(page.textOf('.step-count')).toBe('第 2 步，共 3 步');
    expect(messageAt(page, '#panel-QUOTA_FULL')).toEqual({ kind: 'warning', role: 'alert' });
    expect(box(page, '#panel-QUOTA_FULL')).toEqual(['这一天的名额已经约满', '每个婚姻登记处每天的预约名额有限。请选择其他日期，或换一个登记处（全国任一婚姻登记处都可以办理）。']);
    expect(day(page, '2026-11-24')).toEqual(['11月24日', '周二', '已约满']);
    expect(attr(page, '#day-2026-11-24', 'ariaChecked')).toBe(false);
    expect(page.textOf('#chosen-office')).toContain('越秀区婚姻登记处');
    expect(page.findAll('.window')).toHaveLength(0);
    expect(JSON.stringify(drafts())).toContain(OFFICE);
    expect(JSON.stringify(drafts())).not.toContain('2026-11-24');
    await page.tap('#day-2026-11-25');
    await page.tap('#window-am1');
    await page.tap('#next');
    await page.tap('#confirm');
    expect((await caseOf(gov, a, civilCase.id)).upcoming).toMatchObject({ date: '2026-11-25', window: { id: 'am1' } });
    expect(page.textOf('#done-date')).toBe('2026年11月25日（周三）');
    expectWithinBudgets(page);
  });

  it('books once for a double tap on confirm: one request, one appointment', async () => {
    const { gov, page, a, civilCase } = await openMarriage();
    await choose(page, '2026-11-25');
    const log = watch(gov);
    await page.act('double tap confirm', () => {
      page.find('#confirm')?.dispatchEvent('tap');
      page.find('#confirm')?.dispatchEvent('tap');
    });
    expect(log.filter((line) => POST.test(line))).toHaveLength(1);
    const booked = await caseOf(gov, a, civilCase.id);
    expect(booked.appointments).toHaveLength(1);
    expect(page.textOf('#reference')).toBe(booked.upcoming?.reference);
    expectWithinBudgets(page);
  });

  it('keeps every choice through the network failing at each step, and each tap again goes on', async () => {
    const gov = createTestGovernment();
    const { a, civilCase } = await couple(gov);
    await signInAs(gov, 'r04');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    expect(page.textOf('#state >>> .load-message')).toBe('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    gov.transport.setFault('offline');
    await page.tap(`#office-${OFFICE}`);
    expect(messageAt(page, '#office-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#office-error')).toBe('网络连接失败，请检查网络后重试');
    expect(attr(page, `#office-${OFFICE}`, 'ariaChecked')).toBe(true);
    gov.transport.setFault('none');
    await page.tap(`#office-${OFFICE}`);
    await page.tap('#day-2026-11-26');
    await page.tap('#window-pm1');
    await page.tap('#next');
    gov.transport.setFault('offline');
    const before = gov.snapshot();
    await page.tap('#confirm');
    expect(gov.snapshot()).toBe(before);
    expect(page.textOf('#book-error')).toBe('网络连接失败，请检查网络后重试');
    expect(page.textOf('#answer-date')).toBe('2026年11月26日（周四）');
    expect(page.textOf('#answer-window')).toBe('14:00–15:30');
    expect(page.textOf('#confirm')).toBe('确认预约');
    gov.transport.setFault('none');
    await page.tap('#confirm');
    expect(page.find('#book-error')).toBeUndefined();
    const booked = await caseOf(gov, a, civilCase.id);
    expect(booked.appointments).toHaveLength(1);
    expect(booked.upcoming).toMatchObject({ date: '2026-11-26', window: { id: 'pm1' } });
    expectWithinBudgets(page);
  });

  it('gets the same appointment back when the answer to booking was lost: the retry sends the same key', async () => {
    const { gov, page, a, civilCase } = await openMarriage();
    await choose(page, '2026-11-26');
    const keys: string[] = [];
    const handle = gov.government.handle.bind(gov.government);
    let losing = true;
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
      if (req.method !== 'POST') return handle(req);
      keys.push(req.headers?.['idempotency-key'] ?? '');
      const res = await handle(req);
      if (losing) throw new Error('request:fail timeout');
      return res;
    });
    await page.tap('#confirm');
    expect(page.textOf('#book-error')).not.toBe('');
    losing = false;
    await page.tap('#confirm');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const booked = await caseOf(gov, a, civilCase.id);
    expect(booked.appointments).toHaveLength(1);
    expect(page.textOf('#reference')).toBe(booked.upcoming?.reference);
    expectWithinBudgets(page);
  });

  it('keeps the office, day and window when the page is closed and opened again; a day no longer open is dropped with a note', async () => {
    const { gov, page, civilCase } = await openMarriage();
    await page.tap(`#office-${OFFICE}`);
    await page.tap('#day-2026-11-23');
    await page.tap('#window-pm2');
    expect(drafts()).toHaveLength(1);
    expect(drafts()[0][0]).toMatch(new RegExp(`^draft\\.p[0-9a-z]+\\.civil-book\\.${civilCase.id}$`));
    expect(drafts()[0][1]).toEqual({ officeId: OFFICE, date: '2026-11-23', window: 'pm2' });
    expectWithinBudgets(page);

    const again = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    expect(again.textOf('.step-count')).toBe('第 2 步，共 3 步');
    expect(attr(again, '#day-2026-11-23', 'ariaChecked')).toBe(true);
    expect(attr(again, '#window-pm2', 'ariaChecked')).toBe(true);
    expect(again.find('#note')).toBeUndefined();
    await again.tap('#next');
    expect(again.textOf('#answer-window')).toBe('15:30–17:00');
    expectWithinBudgets(again);

    // A day later 11-23 is today: no longer bookable.
    gov.clock.advance(DAY_MS);
    const later = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    expect(later.textOf('#note')).toBe('您上次选的2026年11月23日（周一）已不能预约，请重新选择日期。');
    expect(later.find('#day-2026-11-23')).toBeUndefined();
    expect(later.findAll('.day-on')).toHaveLength(0);
    expect(later.textOf('#chosen-office')).toContain('越秀区婚姻登记处');
    expect(drafts()[0][1]).toEqual({ officeId: OFFICE, date: '', window: '' });
    expectWithinBudgets(later);
  });

  it('says beside the day when the day chosen can no longer be booked at confirm', async () => {
    const { gov, page, a, civilCase } = await openMarriage();
    await choose(page, '2026-11-23', 'pm1');
    // The page stays open into the next day: 11-23 is now today.
    gov.clock.advance(DAY_MS);
    await page.tap('#confirm');
    expect(page.textOf('.step-count')).toBe('第 2 步，共 3 步');
    expect(page.textOf('#date-error')).toBe('最早只能预约明天，请选择其他日期。');
    expect(page.find('#day-2026-11-23')).toBeUndefined();
    expect((await caseOf(gov, a, civilCase.id)).status).toBe('accepted');
    expectWithinBudgets(page);
  });

  it('says the case is already booked when the other person booked meanwhile, with the way to the case', async () => {
    const { gov, page, b, civilCase } = await openMarriage();
    await choose(page, '2026-11-25');
    await bookFirst(gov, b, civilCase.id);
    await page.tap('#confirm');
    expect(page.textOf('#existing-message >>> .message-text')).toBe('这份申请已有预约，不能重复预约。');
    expect(page.textOf('#existing-case')).toBe('查看申请');
    expect(page.find('#confirm')).toBeUndefined();
    expect(drafts()).toEqual([]);
    await page.tap('#existing-case');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${civilCase.id}` });
    expectWithinBudgets(page);
  });

  it('explains a case withdrawn meanwhile on its panel instead of the form', async () => {
    const { gov, page, b, civilCase } = await openMarriage();
    await choose(page, '2026-11-25');
    await call(gov, b, 'POST', `/civil/cases/${civilCase.id}/withdraw`, {});
    await page.tap('#confirm');
    expect(page.find('#step-check')).toBeUndefined();
    expect(box(page, '#panel-CLOSED')).toEqual(['这份申请已经结束', '申请状态：已撤回。这份申请不能再预约；如需办理，请在“我的婚姻登记”中重新发起。']);
    expectWithinBudgets(page);
  });

  it('explains an already booked case on a panel, and the case it links to', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov, 'r04', 'r05', true);
    await signInAs(gov, 'r05');
    const page = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    const up = civilCase.upcoming;
    expect(messageAt(page, '#panel-ALREADY_BOOKED').kind).toBe('info');
    expect(box(page, '#panel-ALREADY_BOOKED')).toEqual(['这份申请已经预约', `已预约结婚登记：2026年11月23日（周一） ${up?.window.start}–${up?.window.end}，越秀区婚姻登记处。如需改期，请先在申请页取消这个预约。`]);
    expect(page.find('#step-office')).toBeUndefined();
    await page.tap('#see-case');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${civilCase.id}` });
    expectWithinBudgets(page);
  });

  it('explains that the other person must accept first', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const started = await startMarriage(gov, token);
    const page = await renderPage(ROUTE, { gov, query: { case: started.case.id } });
    expect(messageAt(page, '#panel-NOT_ACCEPTED')).toEqual({ kind: 'warning', role: 'alert' });
    expect(box(page, '#panel-NOT_ACCEPTED')).toEqual(['对方还没有接受邀请', '对方用邀请码接受邀请并签署后，你们才能预约登记。可以在申请页查看邀请码是否还有效，或重新发送。']);
    expect(page.find('.office')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('explains on their panels why the couple cannot book (the government\'s reasons), with no form', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov);
    await signInAs(gov, 'r04');
    // Reasons the residents' seed cannot reach once both have accepted: the other too young, a block.
    const handle = gov.government.handle.bind(gov.government);
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
      const res = await handle(req);
      if (req.method !== 'GET' || req.path !== `/civil/cases/${civilCase.id}`) return res;
      return { ...res, body: Object.assign({}, res.body, { ineligible: [{ code: 'TOO_YOUNG', who: 'other', from: '2027-03-15', age: 20 }, { code: 'NO_SHOW_BLOCKED', who: 'you', until: '2026-12-01' }] }) };
    });
    const page = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    expect(messageAt(page, '#panel-TOO_YOUNG')).toEqual({ kind: 'warning', role: 'alert' });
    expect(box(page, '#panel-TOO_YOUNG')).toEqual(['对方还未到法定婚龄', '《民法典》第一千零四十七条规定：男不得早于 22 周岁，女不得早于 20 周岁。对方从 2027-03-15 起满 20 周岁，届时可以预约登记（最早可提前 15 天预约）。']);
    expect(box(page, '#panel-NO_SHOW_BLOCKED')).toEqual(['您暂时不能预约', '30 天内 2 次预约后未到场，2026-12-01 前不能在线预约。如有急事，可以直接到婚姻登记处现场咨询。']);
    expect(page.find('.office')).toBeUndefined();
    await page.tap('#see-case');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${civilCase.id}` });
    expectWithinBudgets(page);
  });

  it('puts a refusal about the couple for that day on a panel above the days, the day dropped and the office kept', async () => {
    const { gov, page, a, civilCase } = await openMarriage();
    await choose(page, '2026-11-25');
    const handle = gov.government.handle.bind(gov.government);
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) =>
      req.method === 'POST' ? { status: 403, body: { error: { code: 'TOO_YOUNG', message: 'Not yet of the legal age to marry' } } } : handle(req));
    await page.tap('#confirm');
    expect(page.textOf('.step-count')).toBe('第 2 步，共 3 步');
    expect(box(page, '#panel-REFUSED')).toEqual(['不能预约这一天', '还未到法定婚龄（男 22 周岁，女 20 周岁），不能预约这一天。']);
    expect(page.findAll('.day-on')).toHaveLength(0);
    expect(page.textOf('#chosen-office')).toContain('越秀区婚姻登记处');
    expect((await caseOf(gov, a, civilCase.id)).status).toBe('accepted');
    expectWithinBudgets(page);
  });

  it('books r02 and r03\'s divorce application, with what a divorce needs', async () => {
    const gov = createTestGovernment();
    const { a, civilCase } = await couple(gov, 'r02', 'r03');
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { case: civilCase.id } });
    await choose(page, '2026-11-25', 'am1');
    expect(page.textOf('#answer-what')).toBe('离婚登记申请');
    expect(page.findAll('.party').map((p) => p.dom?.textContent)).toEqual(['李明（您）', '陈静']);
    expect(page.textOf('#answer-bring')).toBe('双方本人的居民身份证、结婚证和双方签名的离婚协议书。');
    await page.tap('#confirm');
    const booked = await caseOf(gov, a, civilCase.id);
    expect(booked.status).toBe('booked');
    expect(booked.upcoming).toMatchObject({ kind: 'divorce-application', date: '2026-11-25' });
    expect(box(page, '#done')).toEqual(['预约成功', '已为你们二人预约离婚登记申请，对方也会在申请中看到这个预约。']);
    expect(page.textOf('#done-what')).toBe('离婚登记申请');
    expect(page.textOf('#done-bring')).toBe('双方本人的居民身份证、结婚证和双方签名的离婚协议书。不收费。');
    expectWithinBudgets(page);
  });

  it('shows r12\'s cooling-off panel; after it the certificate days outside days 31 to 60 say so, and one books', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r12');
    const caseId = 'cs-seed-r12';
    const cooling = (await caseOf(gov, token, caseId)).coolingOff;
    expect(cooling?.day).toBe(10);
    const page = await renderPage(ROUTE, { gov, query: { case: caseId } });
    expect(messageAt(page, '#panel-COOLING_OFF')).toEqual({ kind: 'warning', role: 'alert' });
    expect(box(page, '#panel-COOLING_OFF')).toEqual(['正在离婚冷静期', `《民法典》第一千零七十七条规定，提交离婚登记申请之日起 30 日内为冷静期，任何一方都可以撤回申请。冷静期届满后，从 ${cooling?.certificateFrom} 起可以预约领取离婚证。`]);
    expect(page.find('.office')).toBeUndefined();
    expectWithinBudgets(page);

    // Day 40: the days run 29 days ahead, past day 60.
    gov.clock.advance(30 * DAY_MS);
    const token40 = await signInAs(gov, 'r12');
    const later = await renderPage(ROUTE, { gov, query: { case: caseId } });
    await later.tap(`#office-${OFFICE}`);
    const { days, kind } = await daysOf(gov, token40, caseId);
    expect(kind).toBe('divorce-certificate');
    const until = cooling?.certificateUntil ?? '';
    const outside = days.filter((d) => d.date > until && d.status !== 'closed');
    expect(outside.length).toBeGreaterThan(0);
    outside.forEach((d) => expect(d.status).toBe('outside'));
    expect(day(later, outside[0].date)[2]).toBe('不在领证期内');
    expect(later.textOf('.day-note')).toBe(`领取离婚证须在申请后第 31 到 60 天内，即 ${cooling?.certificateFrom} 至 ${until}。`);
    await later.tap(`#day-${outside[0].date}`);
    expect(attr(later, `#day-${outside[0].date}`, 'ariaChecked')).toBe(false);
    const open = days.find((d) => d.status === 'available' || d.status === 'few');
    if (!open) throw new Error('no certificate day open');
    await later.tap(`#day-${open.date}`);
    await later.tap(`#window-${open.windows[0].id}`);
    await later.tap('#next');
    expect(later.textOf('#answer-what')).toBe('领取离婚证');
    expect(later.textOf('#answer-bring')).toBe('双方本人的居民身份证、结婚证和离婚协议书。');
    await later.tap('#confirm');
    const booked = await caseOf(gov, token40, caseId);
    expect(booked.status).toBe('certificate-booked');
    expect(booked.upcoming).toMatchObject({ kind: 'divorce-certificate', date: open.date });
    expect(later.textOf('#done-what')).toBe('领取离婚证');
    expectWithinBudgets(later);
  });
});
