// WeChat's own UI drawn inside the phone frame: toast, loading, modal, action sheet, and the
// sheets the preview uses to stand in for native features (payment, location, privacy, pickers).
import { chrome } from './settings';

let layer: HTMLElement | null = null;

export function mountOverlays(target: HTMLElement): void {
  layer = target;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function mount(node: HTMLElement): () => void {
  if (!layer) throw new Error('overlay layer not mounted');
  layer.appendChild(node);
  return () => node.remove();
}

// Toast and loading share one slot, as in WeChat.
let toastClose: (() => void) | null = null;
let toastTimer = 0;
let toastKind: 'toast' | 'loading' | null = null;

function clearToast(): void {
  window.clearTimeout(toastTimer);
  if (toastClose) toastClose();
  toastClose = null;
  toastKind = null;
}

const ICONS: Record<string, string> = { success: '✓', error: '✕', loading: '' };

export function showToast(options: { title: string; icon: string; image?: string; duration: number; mask: boolean }): void {
  clearToast();
  const wrap = el('div', `pv-toast-wrap${options.mask ? ' pv-mask-clear' : ''}`);
  const box = el('div', `pv-toast ${options.icon === 'none' ? 'pv-toast-text' : ''}`);
  box.setAttribute('role', 'status');
  box.dataset.pv = 'toast';
  if (options.icon === 'loading') box.appendChild(el('div', 'pv-spinner'));
  else if (options.icon !== 'none') box.appendChild(el('div', 'pv-toast-icon', ICONS[options.icon] ?? '✓'));
  box.appendChild(el('div', 'pv-toast-title', options.title));
  wrap.appendChild(box);
  toastClose = mount(wrap);
  toastKind = 'toast';
  toastTimer = window.setTimeout(clearToast, options.duration);
}

export function hideToast(): boolean {
  if (toastKind !== 'toast') return false;
  clearToast();
  return true;
}

export function showLoading(options: { title: string; mask: boolean }): void {
  clearToast();
  const wrap = el('div', `pv-toast-wrap${options.mask ? ' pv-mask-clear' : ''}`);
  const box = el('div', 'pv-toast');
  box.setAttribute('role', 'status');
  box.dataset.pv = 'loading';
  box.appendChild(el('div', 'pv-spinner'));
  box.appendChild(el('div', 'pv-toast-title', options.title));
  wrap.appendChild(box);
  toastClose = mount(wrap);
  toastKind = 'loading';
}

export function hideLoading(): boolean {
  if (toastKind !== 'loading') return false;
  clearToast();
  return true;
}

export interface ModalOptions {
  title: string;
  content: string;
  showCancel: boolean;
  cancelText: string;
  cancelColor: string;
  confirmText: string;
  confirmColor: string;
  editable: boolean;
  placeholderText: string;
}

export function showModal(options: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const mask = el('div', 'pv-mask');
    const dialog = el('div', 'pv-modal');
    dialog.setAttribute('role', 'dialog');
    dialog.dataset.pv = 'modal';
    if (options.title) dialog.appendChild(el('div', 'pv-modal-title', options.title));
    let input: HTMLTextAreaElement | null = null;
    if (options.editable) {
      input = el('textarea', 'pv-modal-input');
      input.placeholder = options.placeholderText;
      input.value = options.content;
      dialog.appendChild(input);
    } else if (options.content) {
      dialog.appendChild(el('div', 'pv-modal-content', options.content));
    }
    const buttons = el('div', 'pv-modal-buttons');
    const close = mount(mask);
    const finish = (confirm: boolean) => {
      close();
      resolve(options.editable ? { confirm, cancel: !confirm, content: input?.value ?? '' } : { confirm, cancel: !confirm });
    };
    if (options.showCancel) {
      const cancel = el('button', 'pv-modal-button pv-modal-cancel', options.cancelText);
      cancel.style.color = options.cancelColor;
      cancel.addEventListener('click', () => finish(false));
      buttons.appendChild(cancel);
    }
    const ok = el('button', 'pv-modal-button pv-modal-confirm', options.confirmText);
    ok.style.color = options.confirmColor;
    ok.addEventListener('click', () => finish(true));
    buttons.appendChild(ok);
    dialog.appendChild(buttons);
    mask.appendChild(dialog);
  });
}

export interface SheetChoice {
  label: string;
  detail?: string;
  value: string;
  color?: string;
}

/** A bottom sheet with choices; resolves with the chosen value, or null on cancel. */
export function chooseFromSheet(options: { title?: string; choices: SheetChoice[]; cancelText?: string; kind: string; body?: HTMLElement }): Promise<string | null> {
  return new Promise((resolve) => {
    const mask = el('div', 'pv-mask pv-mask-bottom');
    const sheet = el('div', 'pv-sheet');
    sheet.setAttribute('role', 'dialog');
    sheet.dataset.pv = options.kind;
    const close = mount(mask);
    const finish = (value: string | null) => {
      close();
      resolve(value);
    };
    if (options.title) sheet.appendChild(el('div', 'pv-sheet-title', options.title));
    if (options.body) sheet.appendChild(options.body);
    options.choices.forEach((choice) => {
      const button = el('button', 'pv-sheet-item');
      button.appendChild(el('span', 'pv-sheet-label', choice.label));
      if (choice.detail) button.appendChild(el('span', 'pv-sheet-detail', choice.detail));
      if (choice.color) button.style.color = choice.color;
      button.dataset.value = choice.value;
      button.addEventListener('click', () => finish(choice.value));
      sheet.appendChild(button);
    });
    const cancel = el('button', 'pv-sheet-item pv-sheet-cancel', options.cancelText ?? chrome('取消', 'Cancel'));
    cancel.addEventListener('click', () => finish(null));
    sheet.appendChild(cancel);
    mask.addEventListener('click', (event) => {
      if (event.target === mask) finish(null);
    });
    mask.appendChild(sheet);
  });
}

export interface PickerColumn {
  options: string[];
  selected: number;
}

/**
 * The picker's bottom sheet: one native select per column. onColumnChange may return new columns
 * (multiSelector's columnchange, date months/days) to redraw with.
 */
export function pickColumns(options: {
  columns: PickerColumn[];
  onColumnChange?: (column: number, index: number, current: number[]) => PickerColumn[] | undefined;
}): Promise<number[] | null> {
  return new Promise((resolve) => {
    const mask = el('div', 'pv-mask pv-mask-bottom');
    const sheet = el('div', 'pv-sheet pv-picker');
    sheet.setAttribute('role', 'dialog');
    sheet.dataset.pv = 'picker';
    const bar = el('div', 'pv-picker-bar');
    const cancel = el('button', 'pv-picker-cancel', chrome('取消', 'Cancel'));
    const ok = el('button', 'pv-picker-ok', chrome('确定', 'OK'));
    bar.append(cancel, ok);
    const body = el('div', 'pv-picker-columns');
    sheet.append(bar, body);
    let columns = options.columns;
    const selects: HTMLSelectElement[] = [];
    const draw = () => {
      body.textContent = '';
      selects.length = 0;
      columns.forEach((column, c) => {
        const select = el('select', 'pv-picker-column');
        select.size = Math.min(5, Math.max(column.options.length, 2));
        column.options.forEach((label, i) => {
          const option = el('option', '', label);
          option.value = String(i);
          select.appendChild(option);
        });
        select.selectedIndex = Math.min(column.selected, column.options.length - 1);
        select.addEventListener('change', () => {
          column.selected = select.selectedIndex;
          const next = options.onColumnChange?.(c, select.selectedIndex, selects.map((s) => s.selectedIndex));
          if (next) {
            columns = next;
            draw();
          }
        });
        selects.push(select);
        body.appendChild(select);
      });
    };
    draw();
    const close = mount(mask);
    cancel.addEventListener('click', () => {
      close();
      resolve(null);
    });
    ok.addEventListener('click', () => {
      close();
      resolve(selects.map((s) => Math.max(0, s.selectedIndex)));
    });
    mask.appendChild(sheet);
  });
}

export { el };
