import { readFileSync } from 'fs';
import { join } from 'path';
import { CATALOGUE, iconOf } from '../../miniprogram/services/catalogue';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';
import { signInAs } from '../helpers/session';

const CJK = /[\u3400-\u9fff]/;

describe('home page', () => {
  it('renders the catalogue in its five groups, with unbuilt services marked coming soon', async () => {
    const page = await renderPage('pages/home/home');
    const titles = page.findAll('.group .section-title').map((node) => (node.dom as Element).textContent);
    expect(titles).toEqual(['交通与治安', '医疗健康', '生活缴费', '民政与出入境', '城市与个人']);
    expect(page.text()).toContain('交通违法缴款');
    expect(page.findAll('.tile-soon').length).toBeGreaterThan(0);
    expect(page.find('.verify-banner')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('narrows to matching services as the person types, and says when nothing matches', async () => {
    const page = await renderPage('pages/home/home');
    await page.fire('#search', 'input', { value: '缴费' });
    expect(page.findAll('.tile').map((n) => (n.dom as Element).querySelector('.main--tile-name')?.textContent)).toEqual(['交通违法缴款', '电费', '水费', '燃气费', '我的办事记录']);
    await page.fire('#search', 'input', { value: '燃气' });
    expect(page.findAll('.tile').map((n) => (n.dom as Element).querySelector('.main--tile-name')?.textContent)).toEqual(['燃气费']);
    await page.fire('#search', 'input', { value: '火箭' });
    // Nothing matches: the services that are open now are suggested, never a "coming soon" one.
    expect(page.findAll('.tile')).toHaveLength(page.findAll('#suggested .tile').length);
    expect(page.findAll('.section-title')).toHaveLength(0);
    expect(page.textOf('.no-match')).toBe('没有找到与“火箭”相关的服务。您可以试试这些已开通的服务：');
    expect(page.findAll('#suggested .tile').map((n) => (n.dom as Element).querySelector('.main--tile-name')?.textContent)).toEqual(['交通违法缴款', '轻微事故快处', '报警求助', '预约挂号', '电费', '水费', '燃气费', '结婚登记预约', '离婚登记预约', '新生儿落户', '护照办理预约', '12345 市民诉求', '我的办事记录', '实名认证']);
    await page.fire('#search', 'clear', {});
    expect(page.findAll('.tile').length).toBe(16);
    expectWithinBudgets(page);
  });

  it('says "coming soon" instead of opening a service that is not built', async () => {
    const page = await renderPage('pages/home/home');
    await page.fire('#search', 'input', { value: '年检' });
    await page.tap('.tile');
    // It says where the errand can be done today, in a dialog with one button.
    expect(fake.modals).toEqual([{ title: '“机动车年检预约”即将上线', content: '现在可以在“交管12123”App 预约机动车检验。' }]);
    expect(fake.navigations).toEqual([]);
    expectWithinBudgets(page);
  });

  it('says in English where a coming service can be used today', async () => {
    const page = await renderPage('pages/home/home', { language: 'en' });
    await page.fire('#search', 'input', { value: 'weather' });
    await page.tap('.tile');
    expect(fake.modals).toEqual([{ title: '"Weather & air" is coming soon', content: 'Today you can check the weather and air quality on the Guangzhou Weather official account.' }]);
    expect(fake.navigations).toEqual([]);
    expectWithinBudgets(page);
  });

  it('opens passport applications from the catalogue', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage('pages/home/home', { gov });
    await page.fire('#search', 'input', { value: '护照' });
    await page.tap('.tile');
    expect(fake.toasts).toEqual([]);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/passport/pages/applications/applications' });
    expectWithinBudgets(page);
  });

  it('opens a built service and lists it under recently used next time', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage('pages/home/home', { gov });
    expect(page.find('.verify-banner')).toBeUndefined();
    await page.fire('#search', 'input', { value: '办事记录' });
    await page.tap('.tile');
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/records/pages/records/records' });
    const again = await renderPage('pages/home/home', { gov });
    expect(again.textOf('.recent')).toBe('最近使用我的办事记录');
    expectWithinBudgets(page);
    expectWithinBudgets(again);
  });

  it('in English shows no Chinese at all, and searches English names', async () => {
    const page = await renderPage('pages/home/home', { language: 'en' });
    expect(page.text()).toContain('Traffic & police');
    expect(page.text()).not.toMatch(CJK);
    expect(fake.tabTexts).toEqual({ 0: 'Home', 1: 'Me' });
    expect(fake.titles.at(-1)).toBe('City Services');
    await page.fire('#search', 'input', { value: 'BILL' });
    expect(page.findAll('.tile')).toHaveLength(3);
    expect(page.text()).not.toMatch(CJK);
    expectWithinBudgets(page);
  });
});

describe('home icons', () => {
  const APP = join(__dirname, '../../miniprogram');
  const drawing = (id: string): string => readFileSync(join(APP, `images/services/${id}.svg`), 'utf8');

  it('draws each service with its own icon in both languages, never a letter, and hides it from screen readers', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const page = await renderPage('pages/home/home', { language });
      const tiles = page.findAll('.group .tile');
      expect(tiles).toHaveLength(CATALOGUE.length);
      expect(page.findAll('.group .tile .tile-icon .tile-glyph')).toHaveLength(CATALOGUE.length);
      tiles.forEach((tile) => expect((tile.dom as Element).querySelector('[class*="tile-icon"]')?.textContent).toBe(''));
      const groups = page.data.groups as { tiles: { id: string; icon: string }[] }[];
      const shown = groups.flatMap((group) => group.tiles);
      expect(shown.map((tile) => tile.icon)).toEqual(shown.map((tile) => `/images/services/${tile.id}.svg`));
      expect(new Set(shown.map((tile) => tile.icon)).size).toBe(CATALOGUE.length);
    }
    // The template binds the drawing and hides it: the tile's name is what a screen reader says.
    const template = readFileSync(join(APP, 'pages/home/home.wxml'), 'utf8');
    const icons = template.match(/<view class="tile-icon[^>]*>/g) ?? [];
    expect(icons).toHaveLength(4);
    icons.forEach((tag) => expect(tag).toContain('aria-hidden="true"'));
    expect(template.match(/<image class="tile-glyph" src="\{\{item.icon\}\}" \/>/g)).toHaveLength(4);
    CATALOGUE.forEach((entry) => expect(drawing(entry.id)).toContain('</svg>'));
    expect(CATALOGUE.map((entry) => iconOf(entry))).toEqual(CATALOGUE.map((entry) => `/images/services/${entry.id}.svg`));
  });

  it('keeps one small drawing a service, no two alike, in the one style (24 x 24, white strokes, nothing but paths and circles)', () => {
    const drawings = CATALOGUE.map((entry) => drawing(entry.id));
    expect(new Set(drawings).size).toBe(CATALOGUE.length);
    drawings.forEach((svg) => {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#fff"')).toBe(true);
      expect(Buffer.byteLength(svg)).toBeLessThan(400);
      const tags = [...svg.matchAll(/<([a-z]+)/g)].map((match) => match[1]);
      expect(tags.filter((tag) => tag !== 'svg' && tag !== 'path' && tag !== 'circle')).toEqual([]);
    });
    const total = drawings.reduce((sum, svg) => sum + Buffer.byteLength(svg), 0);
    expect(total).toBeLessThan(5 * 1024);
  });

  it('greys the icon of a coming service and colours the others by group', async () => {
    const page = await renderPage('pages/home/home');
    const soon = page.findAll('.tile-soon .tile-icon');
    expect(soon.length).toBe(CATALOGUE.filter((entry) => !entry.enabled).length);
    const groups = page.findAll('.group .tile-icon').map((icon) => /icon-([a-z]+)/.exec((icon.dom as Element).className)?.[1]);
    expect(new Set(groups)).toEqual(new Set(['traffic', 'health', 'bills', 'civil', 'city']));
  });
});

describe('home on coming back', () => {
  it('follows the language and the text size chosen meanwhile on Me, and draws nothing again when nothing changed', async () => {
    const page = await renderPage('pages/home/home');
    expect(fake.titles).toEqual(['城市服务']);
    expect(page.find('.large-text')).toBeUndefined();
    await page.call('onHide');
    // Meanwhile, on the Me tab (the same modules as the page's: renderPage loaded them afresh).
    (await import('../../miniprogram/core/i18n')).setLocaleSetting('en');
    (await import('../../miniprogram/core/display')).setLargeText(true);
    await page.call('onShow');
    expect(fake.titles.at(-1)).toBe('City Services');
    expect(fake.tabTexts).toEqual({ 0: 'Home', 1: 'Me' });
    expect(page.text()).toContain('Traffic & police');
    expect(page.text()).not.toMatch(CJK);
    expect(page.find('.large-text')).toBeDefined();
    await page.call('onHide');
    await page.call('onShow');
    expect(page.audit.interactions.at(-1)?.calls).toEqual([]);
    expectWithinBudgets(page);
  });
});

describe('home search by the words people use', () => {
  it.each([
    ['zh_CN', '罚款', '交通违法缴款'],
    ['zh_CN', '挂号', '预约挂号'],
    ['en', 'hospital', 'Hospital booking'],
    ['en', 'fine', 'Traffic fines'],
    ['zh_CN', '罚单', '交通违法缴款'],
    ['zh_CN', '违章', '交通违法缴款'],
    ['zh_CN', '交通罚款', '交通违法缴款'],
    ['en', 'speeding', 'Traffic fines'],
    ['en', 'parking ticket', 'Traffic fines'],
    ['en', 'Pay fines', 'Traffic fines'],
    ['en', 'ticket parking', 'Traffic fines'],
  ])('in %s, "%s" finds %s', async (language, query, name) => {
    const page = await renderPage('pages/home/home', { language });
    await page.fire('#search', 'input', { value: query });
    expect(page.findAll('.tile').map((n) => (n.dom as Element).querySelector('.main--tile-name')?.textContent)).toContain(name);
    expectWithinBudgets(page);
  });
});

describe('home in elder mode (长辈版)', () => {
  it('turns large text on from a visible switch, puts the most used built services first as large tiles, and back', async () => {
    const page = await renderPage('pages/home/home');
    expect(page.textOf('#elder')).toBe('长辈版');
    expect(page.find('#common')).toBeUndefined();
    await page.tap('#elder');
    expect(page.find('.large-text')).toBeDefined();
    expect(fake.storage.get('settings.largeText')).toBe(true);
    expect(page.textOf('#elder')).toBe('标准版');
    // Only built services, at most four: nothing "coming soon" among them.
    expect(page.findAll('#common .common-name').map((n) => (n.dom as Element).textContent)).toEqual(['交通违法缴款', '轻微事故快处', '报警求助', '预约挂号']);
    await page.tap('#common .common-tile');
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/fines/pages/vehicles/vehicles' });
    await page.tap('#elder');
    expect(page.find('.large-text')).toBeUndefined();
    expect(page.find('#common')).toBeUndefined();
    expect(fake.storage.get('settings.largeText')).toBe(false);
    expectWithinBudgets(page);
  });

  it('reads the switch in English, and lists recently used services first among the large tiles', async () => {
    fake.storage.set('settings.largeText', true);
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage('pages/home/home', { language: 'en', gov });
    expect(page.textOf('#elder')).toBe('Standard text');
    expect(page.findAll('#common .common-name').map((n) => (n.dom as Element).textContent)).toEqual(['Traffic fines', 'Minor accident', 'Report to police', 'Hospital booking']);
    // The fourth large tile, Hospital booking (an audited tap: a wrapper of the same dispatch tap() does).
    await page.act('tap Hospital booking', () => {
      page.findAll('#common .common-tile')[3].dispatchEvent('tap');
    });
    const again = await renderPage('pages/home/home', { language: 'en', gov });
    expect(again.findAll('#common .common-name').map((n) => (n.dom as Element).textContent)[0]).toBe('Hospital booking');
    expectWithinBudgets(again);
  });
});

describe('recently used', () => {
  it('does not list a service the gate sent to identity first, and lists it once it is used', async () => {
    const page = await renderPage('pages/home/home');
    await page.fire('#search', 'input', { value: '罚单' });
    await page.tap('.tile');
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/fines/pages/vehicles/vehicles' });
    const later = await renderPage('pages/home/home');
    expect(later.find('.recent')).toBeUndefined();

    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const verified = await renderPage('pages/home/home', { gov });
    await verified.fire('#search', 'input', { value: '罚单' });
    await verified.tap('.tile');
    const again = await renderPage('pages/home/home', { gov });
    expect(again.textOf('.recent')).toContain('交通违法缴款');
    expectWithinBudgets(again);
  });
});
