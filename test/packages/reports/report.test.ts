import { ACCIDENT_ANGLES, type Report } from '../../../miniprogram/contracts/reports';
import { DAY_MS } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, type TestGovernment } from '../../helpers/government';
import { encodeBase64 } from '../../../miniprogram/mock/base64';
import { jpegPhoto } from '../../helpers/photos';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { call } from '../civil/helpers';
import { watch } from '../civil/start-helpers';
import { REPORT_ROUTE, fileAs, texts } from './helpers';

async function openAs(key: string, id: string, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(REPORT_ROUTE, { gov, query: { id }, language });
  return { gov, token, page };
}

const reportOf = (gov: TestGovernment, token: string, id: string): Promise<Report> => call<Report>(gov, token, 'GET', `/reports/${id}`);

describe('report page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(REPORT_ROUTE, { query: { id: 'rp-seed-drain' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${REPORT_ROUTE}?id=rp-seed-drain`)}` }]);
    expectWithinBudgets(page);
  });

  it('renders with an empty query, with the way to my reports', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(REPORT_ROUTE, { gov });
    expect(page.textOf('#no-report')).toBe('没有指定要查看的上报。');
    await page.tap('#open-mine');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/reports/pages/reports/reports' });
    expectWithinBudgets(page);
  });

  it('says another person\'s report is not there, the same as a missing one', async () => {
    const { page } = await openAs('r04', 'rp-seed-drain');
    expect(page.textOf('#state >>> .load-message')).toBe('找不到这条上报，或者它不在您的上报里。');
    expect(page.find('#state >>> .load-retry')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('shows 李明\'s fixed drain: status, Open311 closed, department, the timeline and what was said, then a high rating', async () => {
    const { page, gov, token } = await openAs('r02', 'rp-seed-drain');
    expect(page.textOf('#status')).toBe('已解决');
    expect(page.textOf('#open311')).toBe('已办结');
    expect(page.textOf('#department')).toBe('广州市水务局');
    expect(page.textOf('#phone')).toBe('咨询电话 12345');
    expect(page.textOf('#sla')).toBe('一般问题，7 个工作日内办结');
    expect(page.find('#expected')).toBeUndefined();
    expect(page.textOf('#place')).toBe('越秀区 东风中路与越秀北路路口');
    expect(page.textOf('#line-0')).toBe('是否积水路面积水');
    expect(page.textOf('#photos')).toBe('无');
    // Newest first.
    expect(texts(page, '.rp-step-text')).toEqual(['已解决', '处理中', '核查中', '已受理', '已提交']);
    expect(page.textOf('#next')).toContain('已经办结：请评价处理结果');
    expect(page.findAll('#rate .choice')).toHaveLength(5);
    await page.tap('#rate-submit');
    expect(page.textOf('#stars-error')).toBe('请选择一个评价等级');
    await page.tap('#stars-5');
    expect(page.find('#poor-hint')).toBeUndefined();
    expect(page.textOf('#comment-label')).toBe('您的意见（选填）');
    await page.input('#comment', '第二天就疏通了，谢谢。');
    const log = watch(gov);
    await page.tap('#rate-submit');
    expect(log.map((l) => l.call)).toEqual(['POST /reports/rp-seed-drain/rating']);
    expect(page.textOf('#rated-stars')).toBe('5 星');
    expect(page.textOf('#rated-comment')).toBe('第二天就疏通了，谢谢。');
    expect(page.find('#rate')).toBeUndefined();
    expect((await reportOf(gov, token, 'rp-seed-drain')).rating).toMatchObject({ stars: 5, poor: false });
    expectWithinBudgets(page);
  });

  it('always takes a low rating, asking what went wrong, with or without words', async () => {
    const { page, gov, token } = await openAs('r02', 'rp-seed-drain');
    await page.tap('#stars-1');
    expect(page.textOf('#poor-hint')).toContain('请告诉我们哪里做得不好');
    expect(page.textOf('#comment-label')).toBe('哪里做得不好？（选填）');
    await page.tap('#rate-submit');
    expect(page.textOf('#rated-stars')).toBe('1 星');
    expect(page.textOf('#rated-answer')).toBe('承办部门会核实您的差评，并答复您。');
    expect((await reportOf(gov, token, 'rp-seed-drain')).rating).toMatchObject({ stars: 1, poor: true, comment: '' });
    expectWithinBudgets(page);
  });

  it('keeps the rating chosen when the network fails, and sends it once on retrying', async () => {
    const { page, gov, token } = await openAs('r02', 'rp-seed-drain');
    await page.tap('#stars-2');
    gov.transport.setFault('offline');
    await page.tap('#rate-submit');
    expect(page.textOf('#action-error')).toBe('网络连接失败，请检查网络后重试');
    expect(page.find('#stars-2')).toBeDefined();
    gov.transport.setFault('none');
    await page.tap('#rate-submit');
    expect(page.textOf('#rated-stars')).toBe('2 星');
    expect((await reportOf(gov, token, 'rp-seed-drain')).rating?.stars).toBe(2);
    expectWithinBudgets(page);
  });

  it('reopens a fixed report as not fixed, once', async () => {
    const { page, gov } = await openAs('r02', 'rp-seed-drain');
    await page.tap('#reopen-start');
    await page.tap('#reopen-submit');
    expect(page.textOf('#reason-error')).toBe('请说明哪里仍未解决');
    await page.input('#reason', '下雨时路口还是积水。');
    await page.tap('#reopen-submit');
    expect(page.textOf('#status')).toBe('处理中');
    expect(page.textOf('#open311')).toBe('办理中');
    expect(page.textOf('#expected')).toMatch(/^预计 \d{4}年\d{1,2}月\d{1,2}日 前办结$/);
    expect(page.textOf('#step-0-text')).toBe('处理中（您反映问题仍未解决，已重新交办）');
    expect(page.textOf('#reopened')).toMatch(/重新提交过一次$/);
    expect(page.find('#reopen-start')).toBeUndefined();
    expect(page.find('#rate')).toBeUndefined();
    // Dealt with again (20 days on, within the session's 30): rated, but not reopened again.
    gov.clock.advance(20 * DAY_MS);
    const later = await renderPage(REPORT_ROUTE, { gov, query: { id: 'rp-seed-drain' } });
    expect(later.textOf('#open311')).toBe('已办结');
    expect(later.find('#rate')).toBeDefined();
    expect(later.find('#reopen-start')).toBeUndefined();
    expectWithinBudgets(later);
  });

  it('shows a followed report without rating or reopening, and the overdue flag', async () => {
    const { page } = await openAs('r03', 'rp-seed-road');
    expect(page.textOf('#role')).toBe('我关注的');
    expect(page.textOf('#status')).toBe('已安排处理');
    expect(page.textOf('#expected')).toMatch(/^已超期：应于 \d{4}年\d{1,2}月\d{1,2}日 前办结$/);
    expect(page.textOf('#sla')).toBe('复杂问题，15 个工作日内办结');
    expect(page.find('#rate')).toBeUndefined();
    expect(page.find('#reopen-start')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('shows a report I filed with its photos, and the department\'s reply date', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const { report } = await fileAs(gov, token, {}, 2);
    const page = await renderPage(REPORT_ROUTE, { gov, query: { id: report.id } });
    expect(page.textOf('#photos')).toBe('2 张照片');
    expect(page.textOf('#reference')).toBe(report.reference);
    expect(page.textOf('#step-0-text')).toBe('已提交');
    expect(page.textOf('#next-0')).toMatch(/^广州市城市照明管理中心会核实问题，并在 .+ 前答复您。$/);
    expectWithinBudgets(page);
  });

  it('shows an accident\'s part, and links to booking the settlement once the police have decided', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const { report } = await fileAccident(gov, token);
    const page = await renderPage(REPORT_ROUTE, { gov, query: { id: report.id } });
    expect(page.textOf('#accident-responsibility')).toBe('由民警网上审核认定责任');
    expect(page.textOf('#accident-plates')).toBe('本车 粤B12345，对方 粤A54321');
    expect(page.textOf('#next')).toContain('请双方立即把车移到不妨碍交通的地方。');
    expect(page.find('#accident-settle')).toBeUndefined();
    gov.clock.advance(4 * DAY_MS);
    const later = await renderPage(REPORT_ROUTE, { gov, query: { id: report.id } });
    await later.tap('#accident-settle');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/accident/pages/settle/settle?report=${report.id}` });
    expectWithinBudgets(later);
  });

  it('reads in English', async () => {
    const { page } = await openAs('r02', 'rp-seed-drain', 'en');
    expect(page.textOf('#status')).toBe('Fixed');
    expect(page.textOf('#open311')).toBe('Closed');
    expect(page.textOf('#sla')).toBe('Ordinary: dealt with within 7 working days');
    expectWithinBudgets(page);
  });
});

/** A minor accident filed straight at the government: five photos, one per angle, for the police's review. */
async function fileAccident(gov: TestGovernment, token: string) {
  const photoIds: string[] = [];
  for (let i = 0; i < ACCIDENT_ANGLES.length; i += 1) {
    const res = await gov.government.handle({
      method: 'POST', path: '/reports/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `acc-${i}` }, body: '{}',
      file: { field: 'photo', base64: encodeBase64(jpegPhoto(800, 600, 20 * 1024)) },
    });
    photoIds.push((res.body as { photo: { id: string } }).photo.id);
  }
  return fileAs(gov, token, {
    serviceCode: 'minor-accident',
    description: '同车道追尾，无人受伤。',
    attributes: { 'own-plate': '粤B12345', 'other-plate': '粤A54321', positions: 'rear-end' },
    photoIds,
    accident: { responsibility: 'police-review', angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: photoIds[i], angle })) },
  });
}
