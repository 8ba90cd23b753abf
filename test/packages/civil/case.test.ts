import type { CivilCase } from '../../../miniprogram/contracts/civil';
import { formatCstDateTime } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, expectNoIdNumbers, resident, verifiedToken, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { shareOf } from './case-helpers';
import { CERTIFICATES, bookFirst, caseOf, couple, request, startMarriage } from './helpers';

const ROUTE = 'packages/civil/pages/case/case';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const SEEDED = 'cs-seed-r12';
const MISSING = '没有找到这份申请，它可能不是您的申请。请在“婚姻登记”中查看您的申请。';
const OFFLINE = '网络连接失败，请检查网络后重试';
const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => ((node.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim());
/** The text as it is, no-break spaces and all. */
const raw = (page: RenderedPage, selector: string): string => (page.find(selector)?.dom as Element | undefined)?.textContent ?? '';
/** The timeline, oldest first: `when who · what`. */
const events = (page: RenderedPage): string[] => texts(page, '.event-when').map((when, i) => `${when} ${texts(page, '.event-what')[i]}`);
const spaced = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`;
const windowOf = (c: CivilCase): string => `${c.upcoming!.date} ${c.upcoming!.window.start}\u2060–\u2060${c.upcoming!.window.end}`;

/** r04 has started a marriage and is on this phone. */
async function started(gov: TestGovernment) {
  const token = await signInAs(gov, 'r04');
  return startMarriage(gov, token);
}

describe('case page: getting there', () => {
  it('sends a person who has not verified to identity, carrying the case and its code', async () => {
    const page = await renderPage(ROUTE, { query: { id: 'cs-1', code: 'ABCD2345' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?id=cs-1&code=ABCD2345`)}`);
    expectWithinBudgets(page);
  });

  it('says what is missing with an empty query, and leads to the cases page', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe(MISSING);
    expect(page.textOf('#state >>> #forward')).toBe('查看我的婚姻登记');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/civil/pages/cases/cases' });
    expectWithinBudgets(page);
  });

  it('answers another person\'s case like a missing one', async () => {
    const gov = createTestGovernment();
    const theirs = await startMarriage(gov, await verifiedToken(gov.government, 'r04'));
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { id: theirs.case.id, code: theirs.invitation.code } });
    expect(page.textOf('#state >>> .load-message')).toBe(MISSING);
    expect(page.text()).not.toContain(theirs.case.reference);
    expect(page.text()).not.toContain(theirs.invitation.code);
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when offline, then the case', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r12');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov, query: { id: SEEDED } });
    expect(page.textOf('#state >>> .load-message')).toBe(OFFLINE);
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#status')).toBe('离婚冷静期');
    expectWithinBudgets(page);
  });
});

describe('case page: the invitation', () => {
  it('shows the code right after starting, to read out, share and copy', async () => {
    const gov = createTestGovernment();
    const start = await started(gov);
    const { code } = start.invitation;
    const page = await renderPage(ROUTE, { gov, query: { id: start.case.id, code } });
    expect(page.textOf('#kind')).toBe('结婚登记');
    expect(page.textOf('#reference')).toBe(start.case.reference);
    expect(page.textOf('#status')).toBe('等待对方接受邀请');
    expect(page.textOf('#next')).toBe('请把邀请码发给对方。对方用自己的微信实名认证后输入邀请码并签署，你们就可以预约了。');
    expect(page.textOf('#code')).toBe(spaced(code));
    expect(page.textOf('#code-expires')).toBe('有效期至 2026-11-25 10:00（72 小时）');
    expect(page.textOf('#share')).toBe('发给对方');
    expect(page.find('#new-code')).toBeUndefined();
    expect(await shareOf(page)).toEqual({ title: '邀请您一起预约结婚登记', path: `/packages/civil/pages/join/join?case=${start.case.id}&code=${code}` });
    await page.tap('#copy');
    expect(fake.clipboard).toEqual([code]);
    expect(page.textOf('#waiting')).toBe('对方接受邀请后会显示在这里。');
    expect(texts(page, '.party-name')).toEqual(['张伟（您）']);
    expect(page.textOf('#declaration')).toContain('本人声明：本人无配偶');
    expect(events(page)).toEqual(['2026-11-22 10:00 您 · 发起申请', '2026-11-22 10:00 您 · 发出邀请码']);
    expect(page.find('#book')).toBeUndefined();
    expect(page.find('#withdraw')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('offers a new code once the code has expired (and when reopened without one); a failed try keeps the page and the same tap sends one', async () => {
    const gov = createTestGovernment();
    const start = await started(gov);
    const later = await renderPage(ROUTE, { gov, query: { id: start.case.id }, language: 'en' });
    expect(later.textOf('#code-none')).toBe('An invitation code was sent; it is valid until 2026-11-25 10:00. For safety, a code is shown only when it is made. If the other person did not get it, send a new one; the earlier code then stops working.');
    expect(later.find('#code')).toBeUndefined();
    // Without a code in hand a share carries none: it leads to the cases page.
    expect(await shareOf(later)).toEqual({ title: 'Marriage registration', path: '/packages/civil/pages/cases/cases' });
    expectWithinBudgets(later);

    const page = await renderPage(ROUTE, { gov, query: { id: start.case.id, code: start.invitation.code }, language: 'zh_CN' });
    expect(page.textOf('#code')).toBe(spaced(start.invitation.code));
    gov.clock.advance(73 * HOUR);
    await page.call('onHide');
    await page.call('onShow');
    expect(page.find('#code')).toBeUndefined();
    expect(page.textOf('#code-none')).toBe('邀请码已于 2026-11-25 10:00 过期，对方还没有接受。请重新发送一个邀请码。');
    expect(await shareOf(page)).toEqual({ title: '婚姻登记', path: '/packages/civil/pages/cases/cases' });
    gov.transport.setFault('offline');
    await page.tap('#new-code');
    expect(page.textOf('#notice')).toBe(OFFLINE);
    expect(messageAt(page, '#notice')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#new-code')).toBe('重新发送邀请码');
    gov.transport.setFault('none');
    await page.tap('#new-code');
    expect(page.textOf('#notice')).toBe('新的邀请码已生成，之前的邀请码已失效。');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'success', role: 'status' });
    const code = page.textOf('#code').replace(' ', '');
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(code).not.toBe(start.invitation.code);
    expect(page.textOf('#code-expires')).toBe('有效期至 2026-11-28 11:00（72 小时）');
    // One new code however many taps: the timeline has the first and this one.
    expect(events(page).filter((line) => line.endsWith('发出邀请码'))).toHaveLength(2);
    expect(await shareOf(page)).toEqual({ title: '邀请您一起预约结婚登记', path: `/packages/civil/pages/join/join?case=${start.case.id}&code=${code}` });
    // The new code is the one that works.
    const other = await verifiedToken(gov.government, 'r05');
    expect((await request(gov, other, 'POST', '/civil/invitations/open', { code })).status).toBe(200);
    expectWithinBudgets(page);
  });
});

describe('case page: both parties', () => {
  it('shows both by name with their masked ID only, and the next step to book', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov, 'r04', 'r05');
    await signInAs(gov, 'r04');
    const first = await renderPage(ROUTE, { gov, query: { id: civilCase.id } });
    expect(first.textOf('#status')).toBe('双方已确认，待预约');
    expect(first.textOf('#next')).toBe('双方都已确认，下一步是预约结婚登记的日期。');
    expect(texts(first, '.party-name')).toEqual(['张伟（您）', '刘洋']);
    expect(first.textOf('#party-1')).toContain('受邀人');
    expect(first.textOf('#party-1')).toContain('女');
    expect(first.find('#invite')).toBeUndefined();
    expect(first.textOf('#book')).toBe('预约结婚登记');
    expect(first.textOf('#book-window')).toBe('可预约 2026-11-23 至 2026-12-07 的日期');
    [resident('r04'), resident('r05')].forEach((person) => expect(first.text()).not.toContain(person.mobile));
    expectNoIdNumbers(first.text());
    await first.tap('#book');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/civil/pages/book/book?case=${civilCase.id}` });
    expectWithinBudgets(first);

    await signInAs(gov, 'r05');
    const second = await renderPage(ROUTE, { gov, query: { id: civilCase.id } });
    expect(texts(second, '.party-name')).toEqual(['刘洋（您）', '张伟']);
    const masked = civilCase.parties.map((party) => party.idMasked);
    masked.forEach((id) => expect(second.text()).toContain(id));
    expect(second.text()).not.toContain(resident('r04').mobile);
    expectNoIdNumbers(second.text());
    expectWithinBudgets(second);
  });
});

describe('case page: the appointment', () => {
  it('confirms the booked appointment (where, when, what to bring, free), then cancels it after asking and a failed try, once', async () => {
    const gov = createTestGovernment();
    const { a, civilCase } = await couple(gov, 'r04', 'r05');
    const booked = await bookFirst(gov, a, civilCase.id);
    await signInAs(gov, 'r05');
    const page = await renderPage(ROUTE, { gov, query: { id: booked.id } });
    const up = booked.upcoming!;
    expect(page.textOf('#status')).toBe('已预约');
    expect(page.textOf('#next')).toBe(`请于 ${windowOf(booked)} 双方一同到越秀区婚姻登记处办理结婚登记。`);
    expect(page.textOf('#appt-reference')).toBe(up.reference);
    expect(page.textOf('#appt-what')).toBe('结婚登记');
    expect(page.textOf('#appt-when')).toBe(windowOf(booked));
    expect(page.textOf('#appt-office')).toBe('越秀区婚姻登记处');
    expect(page.textOf('#appt-address')).toBe('越秀区东风中路 268 号');
    expect(page.textOf('#appt-phone')).toBe('020-83330002');
    expect(page.textOf('#appt-booked-by')).toBe('对方');
    expect(page.textOf('#appt-fee')).toBe('免费');
    expect(page.textOf('#appt-bring')).toBe('双方本人的居民身份证（2025 年 5 月 10 日起无需户口簿）。不收费。');
    expect(page.textOf('#appt-at-office')).toContain('当面签署《申请结婚登记声明书》');
    expect(page.textOf('#cancel-until')).toBe(`${formatCstDateTime(up.cancelUntil)} 前可以在线取消`);
    expect(page.find('#book')).toBeUndefined();
    // "Keep it" changes nothing.
    fake.modalAnswer = false;
    await page.tap('#cancel');
    expect(page.textOf('#status')).toBe('已预约');
    fake.modalAnswer = true;
    // A network failure keeps the appointment and the button; the same tap cancels once.
    gov.transport.setFault('offline');
    await page.tap('#cancel');
    expect(page.textOf('#notice')).toBe(OFFLINE);
    expect(messageAt(page, '#notice')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#status')).toBe('已预约');
    expect(page.textOf('#appt-reference')).toBe(up.reference);
    gov.transport.setFault('none');
    await page.tap('#cancel');
    expect(fake.modals.map((m) => m.title)).toEqual(['取消这个预约？', '取消这个预约？', '取消这个预约？']);
    expect(fake.modals[0].content).toBe('预约是双方共同的，取消后对方也会看到，名额会释放给其他人。之后可以重新预约。');
    expect(page.textOf('#notice')).toBe('预约已取消，可以重新预约。');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'success', role: 'status' });
    expect(page.textOf('#status')).toBe('双方已确认，待预约');
    expect(page.find('#upcoming')).toBeUndefined();
    expect(page.textOf('#past-0')).toBe(`结婚登记 · ${windowOf(booked)} · 越秀区婚姻登记处已取消`);
    expect(page.textOf('#book')).toBe('预约结婚登记');
    expect(events(page).at(-1)).toBe('2026-11-22 10:00 您 · 取消结婚登记预约');
    expect((await caseOf(gov, a, booked.id)).timeline.filter((e) => e.kind === 'cancelled')).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says it is too late once the appointment day has begun, and shows the appointment as it is', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov, 'r04', 'r05', true);
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov, query: { id: civilCase.id }, language: 'en' });
    expect(page.textOf('#appt-booked-by')).toBe('You');
    expect(page.textOf('#cancel')).toBe('Cancel the appointment');
    // 08:00 on the appointment day: the window (from 09:00) is still to come, cancelling online is over.
    gov.clock.set(civilCase.upcoming!.cancelUntil + 8 * HOUR);
    await page.tap('#cancel');
    expect(page.textOf('#notice')).toBe('Cancel by the day before at the latest; on the day itself it cannot be cancelled online.');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.find('#cancel')).toBeUndefined();
    expect(page.textOf('#no-cancel')).toBe('On the day of the appointment it cannot be cancelled online. If you cannot come, call 020-83330002.');
    expect(page.textOf('#status')).toBe('Booked');
    expectWithinBudgets(page);
  });

  it('reads the refusal in Chinese too', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov, 'r04', 'r05', true);
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov, query: { id: civilCase.id } });
    gov.clock.set(civilCase.upcoming!.cancelUntil + 8 * HOUR);
    await page.tap('#cancel');
    expect(page.textOf('#notice')).toBe('最晚须在预约日前一天取消，预约当天不能在线取消。');
    expect(page.textOf('#no-cancel')).toBe('预约当天不能在线取消。如不能按时到场，请致电 020-83330002。');
    expectWithinBudgets(page);
  });

  it('shows the issued certificate once registered', async () => {
    const gov = createTestGovernment();
    const { civilCase } = await couple(gov, 'r04', 'r05', true);
    gov.clock.advance(20 * DAY);
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov, query: { id: civilCase.id }, language: 'en' });
    expect(page.textOf('#status')).toBe('Married');
    expect(page.textOf('#next')).toBe('The marriage is registered; both of you received your certificates at the registry.');
    expect(page.textOf('#issued-number')).toMatch(/^J440104-2026-\d{6}$/);
    expect(page.textOf('#past-0')).toContain('Attended');
    expect(page.find('#withdraw')).toBeUndefined();
    expectWithinBudgets(page);
  });
});

describe('case page: r12 and r13\'s divorce in its cooling-off period', () => {
  it('counts down from day 10 to day 30, offers the certificate on day 31, and says the registry withdrew it on day 61', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r12');
    const page = await renderPage(ROUTE, { gov, query: { id: SEEDED } });
    expect(page.textOf('#kind')).toBe('离婚登记');
    expect(page.textOf('#status')).toBe('离婚冷静期');
    expect(page.textOf('#next')).toBe('正在离婚冷静期，2026-12-13 起可以预约领取离婚证。冷静期内任何一方都可以撤回申请。');
    expect(page.textOf('#countdown')).toBe('冷静期第 10 天，还剩 20 天');
    expect(raw(page, '#countdown')).toBe('冷静期第 10\u00a0天，还剩 20\u00a0天');
    expect(page.textOf('#cooling-ends')).toBe('2026-12-12');
    expect(page.textOf('#certificate-days')).toBe('2026-12-13 至 2027-01-11');
    expect(page.textOf('#panel-0')).toContain('正在离婚冷静期');
    expect(messageAt(page, '#panel-0')).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.textOf('#certificate-number')).toBe(CERTIFICATES.r12r13);
    expect(page.textOf('#agreement')).toContain('双方自愿离婚');
    expect(texts(page, '.party-name')).toEqual(['郑浩（您）', '林娜']);
    expect(page.textOf('#past-0')).toBe('离婚登记申请 · 2026-11-12 09:00\u2060–\u206010:30 · 天河区婚姻登记处已办理');
    expect(page.find('#book')).toBeUndefined();
    expectNoIdNumbers(page.text());

    gov.clock.advance(19 * DAY);
    await page.call('retry');
    expect(page.textOf('#countdown')).toBe('冷静期第 29 天，还剩 1 天');
    gov.clock.advance(DAY);
    await page.call('retry');
    expect(page.textOf('#countdown')).toBe('今天是冷静期最后一天');
    expect(page.find('#book')).toBeUndefined();
    gov.clock.advance(DAY);
    await page.call('retry');
    expect(page.textOf('#status')).toBe('可预约领证');
    expect(page.find('#cooling')).toBeUndefined();
    expect(page.find('#panel-0')).toBeUndefined();
    expect(page.textOf('#next')).toBe('冷静期已结束。请在 2026-12-13 至 2027-01-11 之间预约领取离婚证，逾期未领视为撤回离婚登记申请。');
    expect(page.textOf('#book')).toBe('预约领取离婚证');
    expect(page.textOf('#book-window')).toBe('可预约 2026-12-13 至 2027-01-11 的日期');
    expect(events(page).at(-1)).toBe('2026-12-13 00:00 登记机关 · 离婚冷静期届满');
    expectWithinBudgets(page);
    // Day 61: the session has lapsed meanwhile, so the page sends r12 to verify again and back here.
    gov.clock.advance(30 * DAY);
    await page.call('retry');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?id=${SEEDED}`)}` });
    await signInAs(gov, 'r12');
    const later = await renderPage(ROUTE, { gov, query: { id: SEEDED } });
    expect(later.textOf('#status')).toBe('已撤回');
    expect(later.textOf('#next')).toBe('冷静期届满后 30 日内没有领取离婚证，登记机关已于 2027-01-12 视为撤回离婚登记申请。如仍要离婚，需要重新申请。');
    expect(later.find('#book')).toBeUndefined();
    expect(later.find('#withdraw')).toBeUndefined();
    expect(later.find('#cooling')).toBeUndefined();
    expect(events(later).at(-1)).toBe('2027-01-12 00:00 登记机关 · 冷静期届满后 30 日内未领证，视为撤回');
    expectWithinBudgets(later);
  });

  it('reads the countdown in English, in large text', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r13');
    fake.storage.set('settings.largeText', true);
    const page = await renderPage(ROUTE, { gov, query: { id: SEEDED }, language: 'en' });
    expect(String(page.find('.case-page')?.toJSON().attrs.find((a) => a.name === 'class')?.value)).toContain('large-text');
    expect(page.textOf('#status')).toBe('Cooling-off period');
    expect(page.textOf('#countdown')).toBe('Day 10 of the cooling-off period, 20 days left');
    expect(texts(page, '.party-name')).toEqual(['林娜 (you)', '郑浩']);
    expectWithinBudgets(page);
  });

  it('lets r13 withdraw after a confirm that says it ends for both (a failed try first), and r12 reads it withdrawn by the other person', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r13');
    const page = await renderPage(ROUTE, { gov, query: { id: SEEDED } });
    fake.modalAnswer = false;
    await page.tap('#withdraw');
    expect(page.textOf('#status')).toBe('离婚冷静期');
    fake.modalAnswer = true;
    gov.transport.setFault('offline');
    await page.tap('#withdraw');
    expect(page.textOf('#notice')).toBe(OFFLINE);
    expect(page.textOf('#countdown')).toBe('冷静期第 10 天，还剩 20 天');
    gov.transport.setFault('none');
    await page.tap('#withdraw');
    expect(fake.modals.at(-1)).toEqual({ title: '撤回这份申请？', content: '撤回后，这份申请对双方都会结束，已有的预约会取消，邀请码也会失效。如果以后还要办理，需要重新申请。' });
    expect(page.textOf('#notice')).toBe('申请已撤回。');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'success', role: 'status' });
    expect(page.textOf('#status')).toBe('已撤回');
    expect(page.textOf('#next')).toBe('您已于 2026-11-22 10:00 撤回这份申请。申请对双方都已结束。');
    expect(page.find('#withdraw')).toBeUndefined();
    expect(page.find('#cooling')).toBeUndefined();
    expect(events(page).filter((line) => line.endsWith('撤回申请'))).toEqual(['2026-11-22 10:00 您 · 撤回申请']);
    expectWithinBudgets(page);

    await signInAs(gov, 'r12');
    const other = await renderPage(ROUTE, { gov, query: { id: SEEDED } });
    expect(other.textOf('#status')).toBe('已撤回');
    expect(other.textOf('#next')).toBe('对方已于 2026-11-22 10:00 撤回这份申请。申请对双方都已结束。');
    expect(events(other).at(-1)).toBe('2026-11-22 10:00 对方 · 撤回申请');
    expectWithinBudgets(other);
  });
});
