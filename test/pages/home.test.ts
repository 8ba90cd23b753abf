import { renderPage, expectWithinBudgets } from '../helpers/render';

describe('home page', () => {
  it('renders the grouped catalogue', async () => {
    const page = await renderPage('pages/home/home');
    const text = page.text();
    expect(text).toContain('交通与治安');
    expect(text).toContain('交通违法缴款');
    expect(text).toContain('即将上线');
    expectWithinBudgets(page);
  });
});
