// Elder-mode numbers (MIIT 2021 适老化 rules, as the resident-experience issue states them), measured
// in the page the phone shows: text sizes and line spacing of every text a resident reads, and the
// box of every control a finger taps. jsdom has no layout, so only the browser can measure these.
import type { Page } from '@playwright/test';

export interface Numbers {
  /** Smallest text (px) anywhere, where it is, and its line height as a multiple of its size. */
  texts: { px: number; lineHeight: number; where: string }[];
  /** Controls: their box (px) and where. */
  targets: { width: number; height: number; where: string }[];
}

const ROLES = ['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'combobox', 'option'];

/** What the phone's top page shows, measured: every text run and every control. */
export function measure(page: Page): Promise<Numbers> {
  return page.evaluate((roles) => {
    const view = document.querySelector('.pv-page-view:not([hidden])');
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && !c.includes('--')).slice(0, 2).map((c) => `.${c}`).join('');
      const text = (el.textContent ?? '').trim().slice(0, 20);
      const role = el.getAttribute('role');
      return `${el.tagName.toLowerCase()}${id}${cls}${role ? `[role=${role}]` : ''} "${text}"`;
    };
    const visible = (el: Element): boolean => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && el.closest('[aria-hidden="true"]') === null;
    };
    const texts: { px: number; lineHeight: number; where: string }[] = [];
    const targets: { width: number; height: number; where: string }[] = [];
    if (!view) return { texts, targets };
    view.querySelectorAll('*').forEach((el) => {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 0);
      if (ownText && visible(el)) {
        const style = getComputedStyle(el);
        const px = parseFloat(style.fontSize);
        const lh = style.lineHeight === 'normal' ? 1.2 : parseFloat(style.lineHeight) / px;
        texts.push({ px, lineHeight: Math.round(lh * 100) / 100, where: describe(el) });
      }
      const role = el.getAttribute('role') ?? '';
      const tappable = roles.includes(role) || (el instanceof HTMLInputElement && el.type !== 'hidden');
      if (tappable && visible(el)) {
        // A control inside a label is tapped anywhere on the label (WeChat toggles it); a control whose
        // ::after reaches beyond it (a larger hit area, as the notices' ticks have) is tapped there.
        const label = ['switch', 'checkbox', 'radio'].includes(role) ? el.closest('wx-label') : null;
        // A native input is tapped anywhere on its <input> component's box.
        const host = el instanceof HTMLInputElement ? el.closest('wx-input') : null;
        const box = (label ?? host ?? el).getBoundingClientRect();
        const after = getComputedStyle(el, '::after');
        const reach = (side: string): number => (after.content !== 'none' && after.position === 'absolute' ? Math.max(0, -parseFloat(side) || 0) : 0);
        const width = box.width + reach(after.left) + reach(after.right);
        const height = box.height + reach(after.top) + reach(after.bottom);
        targets.push({ width: Math.round(width), height: Math.round(height), where: describe(label ?? host ?? el) });
      }
    });
    return { texts, targets };
  }, ROLES);
}
