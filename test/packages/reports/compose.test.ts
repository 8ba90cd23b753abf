import type { Report, ReportsResponse } from '../../../miniprogram/contracts/reports';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { call } from '../civil/helpers';
import { attr, drafts, isChecked, lastRedirect, watch } from '../civil/start-helpers';
import { COMPOSE_ROUTE, OUTSIDE_POINT, REPORT_PAGE, YUEXIU_POINT, count, fileAs, offerPhotos, summary, texts } from './helpers';

async function openAs(key: string, query: Record<string, string> = { service: 'street-light' }, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(COMPOSE_ROUTE, { gov, query, language });
  return { gov, token, page };
}

const mine = async (gov: TestGovernment, token: string): Promise<Report[]> => {
  const list = await call<ReportsResponse>(gov, token, 'GET', '/reports');
  return Promise.all(list.items.map((r) => call<Report>(gov, token, 'GET', `/reports/${r.id}`)));
};

/** Fills the street light form as a person would: where they are, what is wrong, the light's state. */
async function fillLight(page: RenderedPage): Promise<void> {
  fake.location = { ...YUEXIU_POINT };
  await page.tap('#my-location');
  await page.input('#description', '东风中路 300 号门口的路灯连续三晚不亮。');
  await page.tap('#attr-1-off');
}

describe('compose page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(COMPOSE_ROUTE, { query: { service: 'street-light' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${COMPOSE_ROUTE}?service=street-light`)}` }]);
    expectWithinBudgets(page);
  });

  it('renders with an empty query, and offers the list of categories', async () => {
    const { page, gov } = await openAs('r04', {});
    const log = watch(gov);
    expect(page.textOf('#no-service')).toBe('请先选择要上报的问题类型。');
    await page.tap('#choose-service');
    expect(lastRedirect()).toEqual({ path: '/packages/reports/pages/services/services', query: {} });
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('says a category that is not on the list is not there, with the way to the list', async () => {
    const { page } = await openAs('r04', { service: 'moon-landing' });
    expect(page.textOf('#state >>> .load-message')).toBe('没有这个问题类型，请重新选择。');
    expect(page.find('#state >>> .load-retry')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('sends the minor accident to its own pages', async () => {
    await openAs('r04', { service: 'minor-accident' });
    expect(lastRedirect()).toEqual({ path: '/packages/accident/pages/accident/accident', query: {} });
  });

  it('lets 张伟 report a street light with two photos: place, description, its state, check your answers, the reference and the expected date', async () => {
    const { page, gov, token } = await openAs('r04');
    expect(page.textOf('#heading')).toBe('路灯不亮');
    expect(page.textOf('#service-hint')).toBe('路灯不亮、闪烁、白天常亮或灯杆损坏。由广州市城市照明管理中心办理。');
    expect(texts(page, '.rp-field .rp-label').slice(0, 2)).toEqual(['灯杆编号（灯杆上的铭牌）（选填）', '路灯情况']);
    expect(page.textOf('#counter')).toBe('还可以输入 4000 个字');
    await fillLight(page);
    expect(page.textOf('#place-text')).toBe(`地图位置（${YUEXIU_POINT.latitude.toFixed(5)}，${YUEXIU_POINT.longitude.toFixed(5)}）（越秀区）`);
    expect(page.textOf('#counter')).toBe('还可以输入 3978 个字');
    expect(isChecked(page, '#attr-1-off')).toBe(true);
    await page.input('#attr-0-input', 'YX-0300-02');
    offerPhotos(2);
    await page.tap('#add-photos');
    expect(page.findAll('.rp-thumb')).toHaveLength(2);
    expect(attr(page, '#photo-0-image', 'ariaLabel')).toBe('第 1\u00a0张照片');
    expect(page.textOf('#photo-count')).toBe('已添加 2/9 张');
    const log = watch(gov);
    await page.tap('#continue');
    expect(log.map((l) => l.call)).toEqual(['GET /reports/nearby']);
    expect(texts(page, '#answers .rp-key')).toEqual(['问题类型', '位置', '问题描述', '灯杆编号（灯杆上的铭牌）', '路灯情况', '照片', '联系方式', '姓名']);
    expect(page.textOf('#value-4')).toBe('不亮');
    expect(page.textOf('#value-5')).toBe('2 张照片');
    expect(attr(page, '#change-2', 'ariaLabel')).toBe('修改问题描述');
    await page.tap('#submit');
    expect(log.map((l) => l.call)).toEqual(['GET /reports/nearby', 'POST /reports/photos', 'POST /reports/photos', 'POST /reports']);
    const [report] = await mine(gov, token);
    expect(report).toMatchObject({ service_code: 'street-light', description: '东风中路 300 号门口的路灯连续三晚不亮。', attributes: [{ code: 'pole-number', value: 'YX-0300-02' }, { code: 'light-state', value: 'off' }] });
    expect(report.photos).toHaveLength(2);
    expect(report.location.district.code).toBe('yuexiu');
    expect(messageAt(page, '#done').kind).toBe('success');
    expect(page.textOf('#done-reference')).toBe(report.reference);
    expect(page.textOf('#done-department')).toBe('广州市城市照明管理中心');
    expect(page.textOf('#done')).toContain(`预计 ${report.sla.expectedBy.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')} 前办结`);
    expect(page.textOf('#next-0')).toMatch(/^广州市城市照明管理中心会核实问题，并在 \d{4}年\d{1,2}月\d{1,2}日 前答复您。$/);
    // Nothing of it is left on the device: no draft, no saved photo.
    expect(drafts()).toEqual([]);
    expect([...fake.files.keys()].filter((p) => p.startsWith('wxfile://usr/'))).toEqual([]);
    await page.tap('#open-report');
    expect(lastRedirect()).toEqual({ path: REPORT_PAGE, query: { id: report.id } });
    expectWithinBudgets(page);
  });

  it('says what is missing beside each field and in the summary, and keeps what was typed', async () => {
    const { page, gov } = await openAs('r04');
    const log = watch(gov);
    await page.tap('#continue');
    expect(summary(page)).toEqual(['请选择问题所在的位置，或者输入地址', '请描述问题：是什么问题，在哪里，有多严重', '请选择“路灯情况”']);
    expect(page.textOf('#location-error')).toBe('请选择问题所在的位置，或者输入地址');
    expect(page.textOf('#description-error')).toBe('请描述问题：是什么问题，在哪里，有多严重');
    expect(page.textOf('#attr-1-error')).toBe('请选择“路灯情况”');
    await page.tap('#attr-1-flickering');
    expect(page.find('#attr-1-error')).toBeUndefined();
    await page.input('#description', '灯'.repeat(4003));
    expect(page.textOf('#counter')).toBe('超出 3 个字');
    expect(page.textOf('#description-error')).toBe('问题描述不能超过 4000 个字，现在多了 3 个字');
    await page.input('#contact-mobile', '1380000');
    await page.call('onBlur', { currentTarget: { dataset: { field: 'contact.mobile' } } });
    expect(page.textOf('#contact-mobile-error')).toBe('手机号码应为 11 位，以 13–19 开头');
    await page.tap('#continue');
    expect(summary(page)).toEqual(['请选择问题所在的位置，或者输入地址', '问题描述不能超过 4000 个字，现在多了 3 个字', '请填写联系人姓名，或者把手机号码也清空', '手机号码应为 11 位，以 13–19 开头']);
    expect((page.data.form as { description: string }).description).toHaveLength(4003);
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('says a place outside the city beside the place, before anything is sent', async () => {
    const { page, gov } = await openAs('r04');
    const log = watch(gov);
    fake.location = { ...OUTSIDE_POINT };
    await page.tap('#my-location');
    expect(page.textOf('#location-error')).toBe('这个位置不在本市服务范围内。请在地图上另选一个位置，或者输入本市的地址');
    await page.input('#description', '路灯不亮。');
    await page.tap('#attr-1-off');
    await page.tap('#continue');
    expect(summary(page)).toEqual(['这个位置不在本市服务范围内。请在地图上另选一个位置，或者输入本市的地址']);
    expect(log).toEqual([]);
    // The map picks a place in the city: the words go.
    fake.location = { ...YUEXIU_POINT };
    await page.tap('#choose-point');
    expect(page.find('#location-error')).toBeUndefined();
    expect(page.textOf('#place-text')).toBe('天河区政务服务中心 广州市天河区（越秀区）');
    expectWithinBudgets(page);
  });

  it('offers a typed address and a district when location is refused, and nobody is stuck', async () => {
    const { page, gov, token } = await openAs('r04');
    jest.spyOn(wx, 'getLocation').mockImplementation((options) => {
      options.fail?.({ errMsg: 'getLocation:fail auth deny' });
    });
    await page.tap('#my-location');
    expect(messageAt(page, '#place-notice').kind).toBe('warning');
    expect(page.textOf('#place-notice')).toContain('请输入地址并选择所在的区');
    expect(page.findAll('.rp-chip')).toHaveLength(11);
    await page.input('#description', '路灯不亮。');
    await page.tap('#attr-1-off');
    await page.tap('#continue');
    expect(summary(page)).toEqual(['请输入问题所在的地址', '请选择所在的区']);
    await page.tap('#district-haizhu');
    await page.input('#address', '江南大道中 200 号');
    await page.tap('#continue');
    // No point, so nothing nearby to ask about: straight to check your answers.
    expect(page.textOf('#value-1')).toBe('海珠区 江南大道中 200 号');
    await page.tap('#submit');
    const [report] = await mine(gov, token);
    expect(report.location).toMatchObject({ lat: null, long: null, address: '江南大道中 200 号', district: { code: 'haizhu' } });
    expectWithinBudgets(page);
  });

  it('changes nothing when the person cancels the map', async () => {
    const { page } = await openAs('r04');
    jest.spyOn(wx, 'chooseLocation').mockImplementation((options) => {
      options.fail?.({ errMsg: 'chooseLocation:fail cancel' });
    });
    const before = JSON.stringify(page.data);
    await page.tap('#choose-point');
    expect(JSON.stringify(page.data)).toBe(before);
    expect(drafts()).toEqual([]);
  });

  it('renders and fills every datatype of a category added to the seed list, with no new page', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    // The agency reads the seed module of the registry it loads in: load it there, with the category added.
    const { SERVICES } = await import('../../../miniprogram/agencies/reports/seed');
    const value = (key: string, zh: string, en: string) => ({ key, name: { zh, en } });
    SERVICES.push({
      code: 'graffiti', name: { zh: '乱涂乱画', en: 'Graffiti' }, group: { zh: '市容设施', en: 'Street furniture' }, description: { zh: '墙面、桥墩上的涂鸦', en: 'Graffiti on walls and bridges' },
      keywords: ['涂鸦'], department: 'city-lighting', sla: 'complex',
      attributes: [
        { code: 'surfaces', datatype: 'multivaluelist', required: true, order: 3, description: { zh: '在哪里', en: 'Where' }, values: [value('wall', '墙面', 'Wall'), value('pole', '灯杆', 'Pole'), value('bridge', '桥墩', 'Bridge')] },
        { code: 'area-m2', datatype: 'number', required: true, order: 2, min: 0.1, max: 500, description: { zh: '面积（平方米）', en: 'Area in m²' } },
        { code: 'seen-at', datatype: 'datetime', required: true, order: 4, description: { zh: '发现时间', en: 'When you saw it' } },
        { code: 'words', datatype: 'text', required: false, order: 5, description: { zh: '写了什么', en: 'What it says' } },
        { code: 'offensive', datatype: 'singlevaluelist', required: true, order: 1, description: { zh: '是否冒犯', en: 'Is it offensive' }, values: [value('yes', '是', 'Yes'), value('no', '否', 'No')] },
        { code: 'building', datatype: 'string', required: false, order: 6, description: { zh: '楼名', en: 'Building' } },
      ],
    });
    try {
      await call(gov, token, 'GET', '/reports/services/graffiti');
      const page = await renderPage(COMPOSE_ROUTE, { gov, query: { service: 'graffiti' } });
      expect(texts(page, '.rp-field .rp-label').slice(0, 6)).toEqual(['是否冒犯', '面积（平方米）', '在哪里', '发现时间', '写了什么（选填）', '楼名（选填）']);
      expect(attr(page, '#attr-0-yes', 'ariaRole')).toBe('radio');
      expect(attr(page, '#attr-2-wall', 'ariaRole')).toBe('checkbox');
      expect(attr(page, '#attr-1-input', 'type')).toBe('digit');
      expect((page.find('#attr-4-input')?.dom as Element | undefined)?.tagName.toLowerCase()).toContain('textarea');
      await page.tap('#continue');
      expect(summary(page).slice(2)).toEqual(['请选择“是否冒犯”', '请填写“面积（平方米）”', '请选择“在哪里”', '请选择“发现时间”的日期和时间']);
      await page.tap('#attr-0-no');
      await page.input('#attr-1-input', '五');
      expect(page.textOf('#attr-1-error')).toBe('“面积（平方米）”请填写数字，例如 1.5');
      await page.input('#attr-1-input', '900');
      expect(page.textOf('#attr-1-error')).toBe('“面积（平方米）”应在 0.1 到 500 之间');
      await page.input('#attr-1-input', '2.5');
      await page.tap('#attr-2-pole');
      await page.tap('#attr-2-wall');
      await page.tap('#attr-2-bridge');
      await page.tap('#attr-2-bridge');
      await page.fire('#attr-3-date', 'change', { value: '2026-11-22' });
      await page.fire('#attr-3-time', 'change', { value: '09:30' });
      await page.input('#attr-4-input', '  某某到此一游 ');
      await page.input('#attr-5-input', '海珠桥');
      fake.location = { ...YUEXIU_POINT };
      await page.tap('#my-location');
      await page.input('#description', '桥墩上有大面积涂鸦。');
      await page.tap('#continue');
      expect(texts(page, '#answers .rp-value .rp-item-text').slice(3, 9)).toEqual(['否', '2.5', '墙面、灯杆', '2026-11-22 09:30', '某某到此一游', '海珠桥']);
      await page.tap('#submit');
      const [report] = await mine(gov, token);
      expect(report.attributes).toEqual([
        { code: 'offensive', value: 'no' }, { code: 'area-m2', value: 2.5 }, { code: 'surfaces', value: ['wall', 'pole'] },
        { code: 'seen-at', value: '2026-11-22T09:30:00+08:00' }, { code: 'words', value: '某某到此一游' }, { code: 'building', value: '海珠桥' },
      ]);
      expect(report.sla).toMatchObject({ kind: 'complex', workingDays: 15 });
      expectWithinBudgets(page);
    } finally {
      SERVICES.pop();
    }
  });

  it('says the government\'s refusal of a future time beside the field', async () => {
    const { page, gov } = await openAs('r04', { service: 'night-noise' });
    fake.location = { ...YUEXIU_POINT };
    await page.tap('#my-location');
    await page.input('#description', '工地夜里打桩。');
    await page.fire('#attr-0-date', 'change', { value: '2026-11-23' });
    await page.fire('#attr-0-time', 'change', { value: '23:00' });
    await page.tap('#continue');
    const log = watch(gov);
    await page.tap('#submit');
    expect(count(log, 'POST /reports')).toBe(1);
    expect(page.textOf('#attr-0-error')).toBe('“噪音开始的时间”不能晚于现在');
    expect(summary(page)).toEqual(['“噪音开始的时间”不能晚于现在']);
    expectWithinBudgets(page);
  });

  it('checks a plate as it is typed, and sends it normalised', async () => {
    const { page, gov, token } = await openAs('r04', { service: 'illegal-parking' });
    fake.location = { ...YUEXIU_POINT };
    await page.tap('#my-location');
    await page.input('#description', '车停在消防通道上。');
    await page.input('#attr-0-input', 'B12345');
    await page.call('onAttrBlur', { currentTarget: { dataset: { code: 'plate' } } });
    expect(page.textOf('#attr-0-error')).toBe('“车牌号码”应以省份简称开头，例如 粤B12345');
    await page.input('#attr-0-input', '粤b 12345');
    expect(page.find('#attr-0-error')).toBeUndefined();
    await page.tap('#attr-1-fire-lane');
    await page.tap('#continue');
    await page.tap('#submit');
    const [report] = await mine(gov, token);
    expect(report.attributes).toEqual([{ code: 'plate', value: '粤B12345' }, { code: 'blocking', value: ['fire-lane'] }]);
    expectWithinBudgets(page);
  });

  it('keeps a contact and the choice to keep the name private', async () => {
    const { page, gov, token } = await openAs('r04');
    await fillLight(page);
    await page.input('#contact-name', '张伟');
    await page.input('#contact-mobile', '13800000004');
    await page.tap('#keep-name-private');
    expect(isChecked(page, '#keep-name-private')).toBe(true);
    await page.tap('#continue');
    expect(page.textOf('#value-5')).toBe('张伟 13800000004');
    expect(page.textOf('#value-6')).toBe('不公开');
    await page.tap('#submit');
    const [report] = await mine(gov, token);
    expect(report.reporter).toEqual({ contact: { name: '张伟', mobile: '138****0004' }, keepNamePrivate: true });
    expectWithinBudgets(page);
  });

  it('says when the day\'s reports are used up, keeping the draft for tomorrow', async () => {
    const { page, gov, token } = await openAs('r04');
    for (let i = 0; i < 10; i += 1) await fileAs(gov, token, { description: `路灯 ${i + 1}` });
    await fillLight(page);
    await page.tap('#continue');
    // Its own ten are open nearby: offered as links, and the person files a new one anyway.
    expect(page.find('#nearby-0-open')).toBeDefined();
    await page.tap('#report-new');
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe('您今天上报的问题已达上限，请明天再报。紧急情况请拨打 12345。');
    expect(drafts()).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const { page } = await openAs('r04', { service: 'street-light' }, 'en');
    expect(page.textOf('#heading')).toBe('Broken street light');
    expect(page.textOf('#counter')).toBe('You have 4000 characters remaining');
    await page.tap('#continue');
    expect(summary(page)).toEqual(['Choose where the problem is, or type the address', 'Describe the problem: what it is, where, and how bad', 'Choose "What is wrong with it"']);
    expectWithinBudgets(page);
  });
});
