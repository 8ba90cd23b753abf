// WeChat's built-in components for j-component: simulate registers them as bare <slot/>s; here
// they render real controls and fire WeChat's events (detail shapes as documented).
import * as exparser from 'miniprogram-exparser';
import type { ExparserEvent, ExparserNode } from 'miniprogram-exparser';
import jComponent from 'j-component';
import { pickColumns, type PickerColumn } from './overlays';
import { fileUrl } from './files';
import { unsupported } from './panel';
import { topPage } from './router';

type Data = Record<string, unknown>;

interface Caller {
  data: Data;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
}

interface Ctx {
  kind: string;
  node: ExparserNode;
  host: HTMLElement;
  caller: Caller;
  data: Data;
  trigger(name: string, detail?: unknown): void;
  /** Form fields: current value, reset, and (checkable controls) toggling from a label. */
  formValue?: () => unknown;
  reset?: () => void;
  activate?: () => void;
  checked?: boolean;
  state: Record<string, unknown>;
}

interface Spec {
  template?: string;
  properties?: Data;
  setup?: (ctx: Ctx) => void;
  update?: (ctx: Ctx) => void;
  detached?: (ctx: Ctx) => void;
  /** Default hover class (button-hover, navigator-hover); 'none' for view. */
  hover?: string;
}

const contexts = new WeakMap<ExparserNode, Ctx>();
const handledTaps = new WeakSet<object>();

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value));
const num = (value: unknown, fallback: number): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
};
const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '';

function nodeOf(caller: unknown): ExparserNode {
  const node: unknown = caller && typeof caller === 'object' ? Reflect.get(caller, '_exparserNode') : null;
  if (!node) throw new Error('built-in component without its node');
  return node as ExparserNode;
}

const kindOf = (node: ExparserNode | null | undefined): string => (node?.is ?? '').replace(/^wx-/, '');

function onTap(ctx: Ctx, handler: (event: ExparserEvent) => void): void {
  exparser.addListenerToElement(ctx.node, 'tap', (event) => {
    handler(event);
  });
}

function closest(node: ExparserNode, kinds: string[]): ExparserNode | null {
  for (let at = node.parentNode; at; at = at.parentNode) if (kinds.includes(kindOf(at))) return at;
  return null;
}

function descendants(node: ExparserNode, visit: (child: ExparserNode) => boolean | undefined): void {
  (node.childNodes ?? []).forEach((child) => {
    if (visit(child) === false) return;
    descendants(child, visit);
  });
}

/** Class names as the owner's stylesheet sees them (isolated prefix, and plain when shared). */
function ownerClasses(node: ExparserNode, names: string): string[] {
  const owner = node.ownerShadowRoot?.getHostNode();
  const options = owner ? exparser.Component.getComponentOptions(owner) : undefined;
  return names.split(/\s+/).filter(Boolean).flatMap((name) => {
    if (!options?.classPrefix) return [name];
    return options.addGlobalClass ? [name, `${options.classPrefix}--${name}`] : [`${options.classPrefix}--${name}`];
  });
}

const hoverClaimed = new WeakSet<Event>();

function setupHover(ctx: Ctx, fallback: string): void {
  let startTimer = 0;
  let applied: string[] = [];
  const clear = () => {
    window.clearTimeout(startTimer);
    const classes = applied;
    applied = [];
    window.setTimeout(() => classes.forEach((c) => ctx.host.classList.remove(c)), num(ctx.data.hoverStayTime, 70));
  };
  ctx.host.addEventListener('pointerdown', (event) => {
    const hoverClass = str(ctx.data.hoverClass, fallback);
    if (hoverClaimed.has(event) || !hoverClass || hoverClass === 'none' || truthy(ctx.data.disabled)) return;
    if (truthy(ctx.data.hoverStopPropagation)) hoverClaimed.add(event);
    const classes = hoverClass === fallback && fallback !== 'none' ? [fallback] : ownerClasses(ctx.node, hoverClass);
    startTimer = window.setTimeout(() => {
      applied = classes;
      classes.forEach((c) => ctx.host.classList.add(c));
    }, num(ctx.data.hoverStartTime, 20));
  });
  ['pointerup', 'pointercancel', 'pointerleave'].forEach((name) => ctx.host.addEventListener(name, clear));
}

function makeContext(kind: string, node: ExparserNode, host: HTMLElement, caller: Caller): Ctx {
  return {
    kind,
    node,
    host,
    caller,
    get data() {
      return caller.data;
    },
    trigger: (event, detail) => caller.triggerEvent(event, detail ?? {}),
    state: {},
  };
}

/**
 * WeChat's ARIA attributes (base library 2.7.1+), as a browser's screen reader and axe-core expect them:
 * `aria-role` becomes `role`; the others keep their names. On a form control they go to the native
 * element a screen reader focuses.
 */
const ARIA_NAMES = ['role', 'label', 'hidden', 'checked', 'disabled', 'selected', 'live', 'expanded', 'haspopup', 'owns', 'controls', 'describedby', 'labelledby', 'required', 'invalid', 'pressed', 'valuemin', 'valuemax', 'valuenow', 'modal', 'busy'];
const propOf = (name: string): string => `aria${name[0].toUpperCase()}${name.slice(1)}`;
// Any type (null), so `aria-expanded="{{false}}"` stays "false" rather than becoming an empty string.
const ARIA_PROPS: Record<string, null> = Object.fromEntries(ARIA_NAMES.map((name) => [propOf(name), null]));
const ARIA_ATTRS: [string, string][] = ARIA_NAMES.map((name) => [propOf(name), name === 'role' ? 'role' : `aria-${name}`]);

/** Which attributes applyAria set on each element, so one the template no longer gives is removed (j-component reuses nodes). */
const ariaSet = new WeakMap<HTMLElement, Set<string>>();

function applyAria(ctx: Ctx): void {
  const target = ctx.host.querySelector<HTMLElement>(':scope > input, :scope > textarea') ?? ctx.host;
  const set = ariaSet.get(target) ?? new Set<string>();
  ariaSet.set(target, set);
  ARIA_ATTRS.forEach(([prop, attr]) => {
    const raw = ctx.data[prop];
    if (raw === undefined || raw === null || raw === '') {
      // Built-ins set some of these themselves (a switch's role and checked state): only ours go.
      if (set.delete(attr)) target.removeAttribute(attr);
      return;
    }
    target.setAttribute(attr, raw === true && attr !== 'role' ? 'true' : str(raw));
    set.add(attr);
  });
}

function define(name: string, spec: Spec): void {
  const hoverProps = spec.hover !== undefined
    ? { hoverClass: { type: String, value: spec.hover }, hoverStopPropagation: { type: Boolean, value: false }, hoverStartTime: { type: Number, value: 20 }, hoverStayTime: { type: Number, value: 70 } }
    : {};
  const definition = {
    template: spec.template ?? '<slot/>',
    properties: { ...ARIA_PROPS, ...hoverProps, ...(spec.properties ?? {}) },
    options: { classPrefix: '', multipleSlots: false },
    lifetimes: {
      attached(this: Caller) {
        const node = nodeOf(this);
        const host = node.$$;
        if (!host) return;
        const ctx = makeContext(name, node, host, this);
        contexts.set(node, ctx);
        if (spec.hover !== undefined) setupHover(ctx, spec.hover);
        spec.setup?.(ctx);
        spec.update?.(ctx);
        applyAria(ctx);
      },
      detached(this: Caller) {
        const ctx = contexts.get(nodeOf(this));
        if (ctx) spec.detached?.(ctx);
      },
    },
    observers: {
      '**'(this: Caller) {
        const ctx = contexts.get(nodeOf(this));
        if (!ctx) return;
        spec.update?.(ctx);
        applyAria(ctx);
      },
    },
  };
  // j-component strips wx- from wcc's tags, so the bare name is the one templates resolve; the
  // built-ins' own templates therefore never use a tag that is also a built-in (input, textarea).
  [`wx-${name}`, name].forEach((id) => {
    jComponent.register({ ...definition, id, tagName: `wx-${name}` });
  });
}

function native<K extends keyof HTMLElementTagNameMap>(ctx: Ctx, tag: K): HTMLElementTagNameMap[K] {
  const found = ctx.host.querySelector(tag);
  if (!found) throw new Error(`<wx-${ctx.kind}> lost its <${tag}>`);
  return found;
}

/** Native form controls are created here, not in a template, where j-component would resolve them to the built-in of the same name. */
function createNative<K extends 'input' | 'textarea'>(ctx: Ctx, tag: K, className: string): HTMLElementTagNameMap[K] {
  const field = document.createElement(tag);
  field.className = className;
  ctx.host.prepend(field);
  return field;
}

function setAttr(el: HTMLElement, name: string, value: string | boolean | null): void {
  if (value === false || value === null) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? '' : value);
}

/** Resolves an image path as WeChat does: '/x' from the package root, 'x' from the page's folder. */
function resolveSrc(src: string): string {
  if (src.startsWith('wxfile:')) return fileUrl(src);
  if (!src || /^(https?:|data:|blob:)/.test(src)) return src;
  if (src.startsWith('/')) return src;
  const dir = topPage()?.route.split('/').slice(0, -1).join('/') ?? '';
  return `/${dir}/${src}`;
}

// --- layout and text -------------------------------------------------------------------------
define('view', { hover: 'none' });
define('text', { properties: { selectable: Boolean, userSelect: Boolean, space: String, decode: Boolean } });
define('block', {});
define('root-portal', { properties: { enable: { type: Boolean, value: true } } });
define('cover-view', {});
define('swiper-item', { properties: { itemId: String } });
define('movable-area', {});
define('movable-view', {});

define('rich-text', {
  template: '<div></div>',
  properties: { nodes: null, space: String },
  update(ctx) {
    const box = native(ctx, 'div');
    const nodes = ctx.data.nodes;
    if (typeof nodes === 'string') {
      const doc = new DOMParser().parseFromString(nodes, 'text/html');
      doc.querySelectorAll('script,iframe,object,embed').forEach((n) => n.remove());
      doc.querySelectorAll('*').forEach((n) => [...n.attributes].forEach((a) => a.name.startsWith('on') && n.removeAttribute(a.name)));
      box.replaceChildren(...Array.from(doc.body.childNodes));
    } else if (Array.isArray(nodes)) {
      const build = (item: unknown): Node => {
        if (!item || typeof item !== 'object') return document.createTextNode('');
        const rec = item as Data;
        if (rec.type === 'text') return document.createTextNode(str(rec.text));
        const el = document.createElement(/^[a-z][a-z0-9]*$/.test(str(rec.name)) ? str(rec.name) : 'span');
        const attrs = rec.attrs && typeof rec.attrs === 'object' ? (rec.attrs as Data) : {};
        Object.entries(attrs).forEach(([k, v]) => !k.startsWith('on') && el.setAttribute(k, str(v)));
        (Array.isArray(rec.children) ? rec.children : []).forEach((c: unknown) => el.appendChild(build(c)));
        return el;
      };
      box.replaceChildren(...nodes.map(build));
    }
  },
});

define('icon', {
  template: '<span></span>',
  properties: { type: String, size: { type: null, value: 23 }, color: String },
  update(ctx) {
    const span = native(ctx, 'span');
    const type = str(ctx.data.type).replace(/_/g, '-');
    span.className = `pv-icon weui-icon-${type}`;
    const size = typeof ctx.data.size === 'number' ? `${ctx.data.size}px` : str(ctx.data.size, '23px').replace(/rpx$/, ' * var(--rpx)');
    span.style.width = size.includes('var') ? `calc(${size})` : size;
    span.style.height = span.style.width;
    span.style.color = str(ctx.data.color);
    ctx.host.dataset.type = type;
  },
});

define('progress', {
  template: '<div><div></div></div><span></span>',
  properties: { percent: Number, showInfo: Boolean, strokeWidth: { type: null, value: 6 }, color: String, activeColor: String, backgroundColor: String, active: Boolean, borderRadius: { type: null, value: 0 } },
  update(ctx) {
    const [track, info] = [native(ctx, 'div'), native(ctx, 'span')];
    const bar = track.firstElementChild as HTMLElement;
    const percent = Math.max(0, Math.min(100, num(ctx.data.percent, 0)));
    track.className = 'pv-progress-track';
    track.style.height = `${num(ctx.data.strokeWidth, 6)}px`;
    track.style.background = str(ctx.data.backgroundColor) || '#ebebeb';
    bar.className = 'pv-progress-bar';
    bar.style.width = `${percent}%`;
    bar.style.background = str(ctx.data.activeColor) || str(ctx.data.color) || '#09bb07';
    info.hidden = !ctx.data.showInfo;
    info.textContent = `${percent}%`;
  },
});

define('image', {
  template: '<img/>',
  properties: { src: String, mode: { type: String, value: 'scaleToFill' }, lazyLoad: Boolean, showMenuByLongpress: Boolean, webp: Boolean },
  setup(ctx) {
    const img = native(ctx, 'img');
    img.alt = '';
    img.draggable = false;
    img.addEventListener('load', () => {
      if (str(ctx.data.mode) === 'widthFix') ctx.host.style.height = 'auto';
      ctx.trigger('load', { width: img.naturalWidth, height: img.naturalHeight });
    });
    img.addEventListener('error', () => ctx.trigger('error', { errMsg: `GET ${img.src} failed` }));
  },
  update(ctx) {
    const img = native(ctx, 'img');
    const src = resolveSrc(str(ctx.data.src));
    if (img.getAttribute('src') !== src) {
      if (src) img.setAttribute('src', src);
      else img.removeAttribute('src');
    }
    ctx.host.setAttribute('mode', str(ctx.data.mode, 'scaleToFill'));
  },
});

// --- controls ----------------------------------------------------------------------------------
function nearestForm(node: ExparserNode): Ctx | undefined {
  const form = closest(node, ['form']);
  return form ? contexts.get(form) : undefined;
}

define('button', {
  hover: 'button-hover',
  properties: {
    size: { type: String, value: 'default' }, type: { type: String, value: 'default' }, plain: Boolean, disabled: Boolean, loading: Boolean,
    formType: String, openType: String, lang: String, sessionFrom: String, appParameter: String, showMessageCard: Boolean,
  },
  setup(ctx) {
    ctx.host.setAttribute('role', 'button');
    onTap(ctx, () => {
      if (truthy(ctx.data.disabled) || truthy(ctx.data.loading)) return;
      const formType = str(ctx.data.formType);
      if (formType === 'submit' || formType === 'reset') {
        const form = nearestForm(ctx.node);
        const act = form?.state[formType];
        if (typeof act === 'function') act();
      }
      const openType = str(ctx.data.openType);
      if (!openType) return;
      if (openType === 'agreePrivacyAuthorization') {
        localStorage.setItem('pv-privacy-agreed', 'yes');
        ctx.trigger('agreeprivacyauthorization', { errMsg: 'agreePrivacyAuthorization:ok' });
      } else if (openType === 'getPhoneNumber' || openType === 'getRealtimePhoneNumber') {
        unsupported(`<button open-type="${openType}">`);
        ctx.trigger(openType.toLowerCase(), { errMsg: `${openType}:fail not supported in the preview` });
      } else if (openType === 'chooseAvatar') {
        unsupported('<button open-type="chooseAvatar">');
        ctx.trigger('chooseavatar', { errMsg: 'chooseAvatar:fail not supported in the preview' });
      } else {
        unsupported(`<button open-type="${openType}">`);
      }
    });
  },
  update(ctx) {
    const h = ctx.host;
    setAttr(h, 'type', str(ctx.data.type, 'default'));
    setAttr(h, 'size', str(ctx.data.size, 'default'));
    setAttr(h, 'plain', truthy(ctx.data.plain));
    setAttr(h, 'disabled', truthy(ctx.data.disabled));
    setAttr(h, 'loading', truthy(ctx.data.loading));
    h.setAttribute('aria-disabled', String(truthy(ctx.data.disabled)));
  },
});

define('navigator', {
  hover: 'navigator-hover',
  properties: { url: String, openType: { type: String, value: 'navigate' }, delta: { type: Number, value: 1 }, target: String },
  setup(ctx) {
    onTap(ctx, () => {
      const wxApi = Reflect.get(window, 'wx') as Record<string, (o: Data) => unknown>;
      const url = str(ctx.data.url);
      const method: Record<string, string> = { navigate: 'navigateTo', redirect: 'redirectTo', switchTab: 'switchTab', reLaunch: 'reLaunch', navigateBack: 'navigateBack' };
      const api = method[str(ctx.data.openType, 'navigate')];
      if (!api) {
        unsupported(`<navigator open-type="${str(ctx.data.openType)}">`);
        return;
      }
      wxApi[api]({ url, delta: num(ctx.data.delta, 1), fail: (err: Data) => console.warn(`navigator: ${str(err.errMsg)}`) });
    });
  },
});

const INPUT_FILTERS: Record<string, RegExp> = { number: /[^0-9]/g, digit: /[^0-9.]/g, idcard: /[^0-9xX]/g };

function setupTextField(ctx: Ctx, field: HTMLInputElement | HTMLTextAreaElement): void {
  ctx.formValue = () => field.value;
  ctx.reset = () => {
    field.value = '';
  };
  field.addEventListener('input', (event) => {
    const filter = INPUT_FILTERS[str(ctx.data.type)];
    if (filter && field instanceof HTMLInputElement) {
      const cleaned = field.value.replace(filter, '');
      if (cleaned !== field.value) field.value = cleaned;
    }
    if (field instanceof HTMLTextAreaElement && truthy(ctx.data.autoHeight)) {
      field.style.height = 'auto';
      field.style.height = `${field.scrollHeight}px`;
    }
    const keyCode = event instanceof InputEvent && event.data ? event.data.charCodeAt(event.data.length - 1) : 8;
    ctx.trigger('input', { value: field.value, cursor: field.selectionStart ?? field.value.length, keyCode });
  });
  field.addEventListener('focus', () => ctx.trigger('focus', { value: field.value, height: 0 }));
  field.addEventListener('blur', () => ctx.trigger('blur', { value: field.value, cursor: field.selectionStart ?? 0 }));
  field.addEventListener('keydown', (event: Event) => {
    if (!(event instanceof KeyboardEvent)) return;
    if (event.key !== 'Enter' || (field instanceof HTMLTextAreaElement && !event.ctrlKey && !event.metaKey)) return;
    event.preventDefault();
    ctx.trigger('confirm', { value: field.value });
    if (!truthy(ctx.data.confirmHold)) field.blur();
  });
}

function updateTextField(ctx: Ctx, field: HTMLInputElement | HTMLTextAreaElement): void {
  // Only a changed value from the owner overwrites what is typed (WeChat semantics).
  const value = str(ctx.data.value);
  if (ctx.state.lastValue !== value) {
    ctx.state.lastValue = value;
    if (field.value !== value) field.value = value;
  }
  field.placeholder = str(ctx.data.placeholder);
  field.disabled = truthy(ctx.data.disabled);
  const max = num(ctx.data.maxlength, 140);
  if (max >= 0) field.maxLength = max;
  else field.removeAttribute('maxlength');
  const focus = truthy(ctx.data.focus) || truthy(ctx.data.autoFocus);
  if (focus && !ctx.state.focused && document.activeElement !== field) window.setTimeout(() => field.focus(), 0);
  ctx.state.focused = focus;
  setAttr(ctx.host, 'disabled', field.disabled);
}

const TEXT_FIELD_PROPS = {
  value: String, placeholder: String, placeholderStyle: String, placeholderClass: String, disabled: Boolean,
  maxlength: { type: Number, value: 140 }, focus: Boolean, autoFocus: Boolean, confirmType: String, confirmHold: Boolean,
  cursor: Number, selectionStart: Number, selectionEnd: Number, adjustPosition: Boolean, holdKeyboard: Boolean, name: String,
};

define('input', {
  template: '<slot/>',
  properties: { ...TEXT_FIELD_PROPS, type: { type: String, value: 'text' }, password: Boolean, alwaysEmbed: Boolean },
  setup(ctx) {
    setupTextField(ctx, createNative(ctx, 'input', 'pv-input'));
  },
  update(ctx) {
    const field = native(ctx, 'input');
    const type = str(ctx.data.type, 'text');
    field.type = truthy(ctx.data.password) || type === 'safe-password' ? 'password' : 'text';
    field.inputMode = type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : 'text';
    field.enterKeyHint = str(ctx.data.confirmType, 'done') as HTMLInputElement['enterKeyHint'];
    updateTextField(ctx, field);
  },
});

define('textarea', {
  template: '<slot/>',
  properties: { ...TEXT_FIELD_PROPS, autoHeight: Boolean, fixed: Boolean, showConfirmBar: { type: Boolean, value: true }, disableDefaultPadding: Boolean },
  setup(ctx) {
    setupTextField(ctx, createNative(ctx, 'textarea', 'pv-textarea'));
  },
  update(ctx) {
    updateTextField(ctx, native(ctx, 'textarea'));
  },
});

function checkable(kind: 'checkbox' | 'radio', group: string): void {
  define(kind, {
    template: '<span></span><slot/>',
    properties: { value: String, checked: Boolean, disabled: Boolean, color: String },
    setup(ctx) {
      native(ctx, 'span').className = `pv-${kind}-box`;
      ctx.host.setAttribute('role', kind);
      const toggle = () => {
        if (truthy(ctx.data.disabled)) return;
        if (kind === 'radio' && ctx.checked) return;
        ctx.checked = !ctx.checked;
        render(ctx);
        const owner = closest(ctx.node, [group]);
        const groupCtx = owner ? contexts.get(owner) : undefined;
        if (groupCtx) {
          if (kind === 'radio') {
            descendants(groupCtx.node, (child) => {
              const other = contexts.get(child);
              if (other && other !== ctx && other.kind === 'radio' && other.checked) {
                other.checked = false;
                render(other);
              }
            });
          }
          groupCtx.trigger('change', { value: groupCtx.formValue?.() });
        }
      };
      ctx.activate = toggle;
      onTap(ctx, (event) => {
        handledTaps.add(event);
        toggle();
      });
    },
    update(ctx) {
      const checked = truthy(ctx.data.checked);
      if (ctx.state.lastChecked !== checked) {
        ctx.state.lastChecked = checked;
        ctx.checked = checked;
      }
      render(ctx);
    },
  });
  const render = (ctx: Ctx) => {
    setAttr(ctx.host, 'checked', Boolean(ctx.checked));
    setAttr(ctx.host, 'disabled', truthy(ctx.data.disabled));
    ctx.host.setAttribute('aria-checked', String(Boolean(ctx.checked)));
    const box = native(ctx, 'span');
    box.style.color = str(ctx.data.color) || '#09bb07';
  };
  define(group, {
    properties: { name: String },
    setup(ctx) {
      ctx.formValue = () => {
        const values: string[] = [];
        descendants(ctx.node, (child) => {
          const item = contexts.get(child);
          if (item && item.kind === kind && item.checked) values.push(str(item.data.value));
          return kindOf(child) !== group;
        });
        return kind === 'radio' ? values[0] ?? '' : values;
      };
      ctx.reset = () => {
        descendants(ctx.node, (child) => {
          const item = contexts.get(child);
          if (item && item.kind === kind) {
            item.checked = false;
            render(item);
          }
        });
      };
    },
  });
}
checkable('checkbox', 'checkbox-group');
checkable('radio', 'radio-group');

define('label', {
  properties: { for: String },
  setup(ctx) {
    onTap(ctx, (event) => {
      if (handledTaps.has(event)) return;
      let target: Ctx | undefined;
      const forId = str(ctx.data.for);
      if (forId) {
        const found = ctx.node.ownerShadowRoot?.querySelector(`#${CSS.escape(forId)}`);
        target = found ? contexts.get(found) : undefined;
      } else {
        descendants(ctx.node, (child) => {
          const item = contexts.get(child);
          if (!target && item?.activate) target = item;
          return !target;
        });
      }
      if (!target) return;
      handledTaps.add(event);
      if (target.activate) target.activate();
      else target.host.querySelector<HTMLElement>('input,textarea')?.focus();
    });
  },
});

define('switch', {
  template: '<span></span>',
  properties: { checked: Boolean, disabled: Boolean, type: { type: String, value: 'switch' }, color: String, name: String },
  setup(ctx) {
    ctx.host.setAttribute('role', 'switch');
    ctx.formValue = () => Boolean(ctx.checked);
    ctx.reset = () => {
      ctx.checked = false;
      ctx.state.render = true;
    };
    const toggle = () => {
      if (truthy(ctx.data.disabled)) return;
      ctx.checked = !ctx.checked;
      paintSwitch(ctx);
      ctx.trigger('change', { value: ctx.checked });
    };
    ctx.activate = toggle;
    onTap(ctx, (event) => {
      handledTaps.add(event);
      toggle();
    });
  },
  update(ctx) {
    const checked = truthy(ctx.data.checked);
    if (ctx.state.lastChecked !== checked) {
      ctx.state.lastChecked = checked;
      ctx.checked = checked;
    }
    paintSwitch(ctx);
  },
});

function paintSwitch(ctx: Ctx): void {
  const box = native(ctx, 'span');
  box.className = str(ctx.data.type) === 'checkbox' ? 'pv-checkbox-box' : 'pv-switch';
  setAttr(ctx.host, 'checked', Boolean(ctx.checked));
  setAttr(ctx.host, 'disabled', truthy(ctx.data.disabled));
  ctx.host.setAttribute('aria-checked', String(Boolean(ctx.checked)));
  box.style.setProperty('--pv-on', str(ctx.data.color) || '#04be02');
}

define('slider', {
  template: '<span></span>',
  properties: { min: { type: Number, value: 0 }, max: { type: Number, value: 100 }, step: { type: Number, value: 1 }, value: Number, disabled: Boolean, showValue: Boolean, activeColor: String, name: String },
  setup(ctx) {
    const range = createNative(ctx, 'input', 'pv-slider');
    range.type = 'range';
    ctx.formValue = () => Number(range.value);
    range.addEventListener('input', () => {
      native(ctx, 'span').textContent = range.value;
      ctx.trigger('changing', { value: Number(range.value) });
    });
    range.addEventListener('change', () => ctx.trigger('change', { value: Number(range.value) }));
  },
  update(ctx) {
    const range = native(ctx, 'input');
    range.min = String(num(ctx.data.min, 0));
    range.max = String(num(ctx.data.max, 100));
    range.step = String(num(ctx.data.step, 1));
    const value = String(num(ctx.data.value, 0));
    if (ctx.state.lastValue !== value) range.value = ctx.state.lastValue = value;
    range.disabled = truthy(ctx.data.disabled);
    const label = native(ctx, 'span');
    label.hidden = !truthy(ctx.data.showValue);
    label.textContent = range.value;
  },
});

define('form', {
  properties: { reportSubmit: Boolean },
  setup(ctx) {
    const fields = (): Ctx[] => {
      const found: Ctx[] = [];
      descendants(ctx.node, (child) => {
        const item = contexts.get(child);
        if (item && item.formValue && str(item.data.name)) {
          found.push(item);
          return !['checkbox-group', 'radio-group'].includes(item.kind);
        }
        return true;
      });
      return found;
    };
    ctx.state.submit = () => {
      const value: Data = {};
      fields().forEach((field) => {
        value[str(field.data.name)] = field.formValue?.();
      });
      ctx.trigger('submit', { value, target: { id: ctx.node.id, dataset: ctx.node.dataset } });
    };
    ctx.state.reset = () => {
      fields().forEach((field) => field.reset?.());
      ctx.trigger('reset', {});
    };
  },
});

// --- picker -----------------------------------------------------------------------------------
const pad = (n: number): string => String(n).padStart(2, '0');
const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

const REGIONS: Record<string, Record<string, string[]>> = {
  安徽省: { 合肥市: ['蜀山区', '庐阳区', '包河区', '瑶海区'], 芜湖市: ['镜湖区', '鸠江区'] },
  北京市: { 北京市: ['东城区', '西城区', '朝阳区', '海淀区'] },
  上海市: { 上海市: ['黄浦区', '徐汇区', '浦东新区'] },
  广东省: { 广州市: ['越秀区', '天河区'], 深圳市: ['福田区', '南山区'] },
};

function labelOf(item: unknown, rangeKey: string): string {
  if (item && typeof item === 'object' && rangeKey) return str((item as Data)[rangeKey]);
  return str(item);
}

async function openPicker(ctx: Ctx): Promise<void> {
  const mode = str(ctx.data.mode, 'selector');
  const rangeKey = str(ctx.data.rangeKey);
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  if (mode === 'selector') {
    const items = list(ctx.data.range);
    const picked = await pickColumns({ columns: [{ options: items.map((i) => labelOf(i, rangeKey)), selected: num(ctx.data.value, 0) }] });
    if (picked) ctx.trigger('change', { value: picked[0] });
    else ctx.trigger('cancel', {});
    return;
  }
  if (mode === 'multiSelector') {
    const columnsOf = (): PickerColumn[] => {
      const values = list(ctx.data.value);
      return list(ctx.data.range).map((col, c) => ({ options: list(col).map((i) => labelOf(i, rangeKey)), selected: num(values[c], 0) }));
    };
    const picked = await pickColumns({
      columns: columnsOf(),
      onColumnChange: (column, index, current) => {
        ctx.trigger('columnchange', { column, value: index });
        const next = columnsOf();
        next.forEach((col, c) => (col.selected = Math.min(current[c] ?? 0, Math.max(0, col.options.length - 1))));
        return next;
      },
    });
    if (picked) ctx.trigger('change', { value: picked });
    else ctx.trigger('cancel', {});
    return;
  }
  if (mode === 'time') {
    const [h, m] = str(ctx.data.value, '00:00').split(':').map((x) => num(x, 0));
    const picked = await pickColumns({ columns: [{ options: range(0, 23).map(pad), selected: h }, { options: range(0, 59).map(pad), selected: m }] });
    if (picked) ctx.trigger('change', { value: `${pad(picked[0])}:${pad(picked[1])}` });
    else ctx.trigger('cancel', {});
    return;
  }
  if (mode === 'date') {
    const today = new Date();
    // Unset properties read as '' (not undefined): WeChat's defaults then apply.
    const start = (str(ctx.data.start) || '1900-01-01').split('-').map((x) => num(x, 1));
    const end = (str(ctx.data.end) || '2100-12-31').split('-').map((x) => num(x, 1));
    const [y, mo, d] = (str(ctx.data.value) || `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`).split('-').map((x) => num(x, 1));
    const years = range(start[0], end[0]);
    const fields = str(ctx.data.fields) || 'day';
    const daysIn = (year: number, month: number) => new Date(year, month, 0).getDate();
    const columns = (yi: number, mi: number, di: number): PickerColumn[] => {
      const cols: PickerColumn[] = [{ options: years.map(String), selected: yi }];
      if (fields !== 'year') cols.push({ options: range(1, 12).map(pad), selected: mi });
      if (fields === 'day') cols.push({ options: range(1, daysIn(years[yi], mi + 1)).map(pad), selected: Math.min(di, daysIn(years[yi], mi + 1) - 1) });
      return cols;
    };
    const picked = await pickColumns({
      columns: columns(Math.max(0, years.indexOf(y)), mo - 1, d - 1),
      onColumnChange: (_c, _i, cur) => columns(cur[0] ?? 0, cur[1] ?? 0, cur[2] ?? 0),
    });
    if (!picked) {
      ctx.trigger('cancel', {});
      return;
    }
    const parts = [String(years[picked[0]])];
    if (fields !== 'year') parts.push(pad(picked[1] + 1));
    if (fields === 'day') parts.push(pad(picked[2] + 1));
    ctx.trigger('change', { value: parts.join('-') });
    return;
  }
  if (mode === 'region') {
    const provinces = Object.keys(REGIONS);
    const columns = (pi: number, ci: number, di: number): PickerColumn[] => {
      const cities = Object.keys(REGIONS[provinces[pi]]);
      const districts = REGIONS[provinces[pi]][cities[Math.min(ci, cities.length - 1)]];
      return [
        { options: provinces, selected: pi },
        { options: cities, selected: Math.min(ci, cities.length - 1) },
        { options: districts, selected: Math.min(di, districts.length - 1) },
      ];
    };
    const picked = await pickColumns({ columns: columns(0, 0, 0), onColumnChange: (_c, _i, cur) => columns(cur[0] ?? 0, cur[1] ?? 0, cur[2] ?? 0) });
    if (!picked) {
      ctx.trigger('cancel', {});
      return;
    }
    const cols = columns(picked[0], picked[1], picked[2]);
    ctx.trigger('change', { value: cols.map((c) => c.options[c.selected]), code: ['', '', ''], postcode: '' });
    return;
  }
  unsupported(`<picker mode="${mode}">`);
}

define('picker', {
  properties: { mode: { type: String, value: 'selector' }, range: null, rangeKey: String, value: null, start: String, end: String, fields: String, disabled: Boolean, name: String, headerText: String, level: String },
  setup(ctx) {
    ctx.formValue = () => ctx.data.value;
    onTap(ctx, () => {
      if (!truthy(ctx.data.disabled)) void openPicker(ctx);
    });
  },
});

// --- scrolling --------------------------------------------------------------------------------
define('scroll-view', {
  properties: {
    scrollX: Boolean, scrollY: Boolean, upperThreshold: { type: null, value: 50 }, lowerThreshold: { type: null, value: 50 }, scrollTop: null, scrollLeft: null,
    scrollIntoView: String, scrollWithAnimation: Boolean, enableBackToTop: Boolean, enableFlex: Boolean, refresherEnabled: Boolean, showScrollbar: { type: Boolean, value: true },
  },
  setup(ctx) {
    const h = ctx.host;
    // A region that scrolls is reachable from the keyboard (a phone swipes it; the preview's keyboard user tabs to it).
    if (!h.hasAttribute('tabindex')) h.tabIndex = 0;
    let lastTop = 0;
    let lastLeft = 0;
    let atLower = false;
    let atUpper = true;
    h.addEventListener('scroll', () => {
      const detail = { scrollLeft: h.scrollLeft, scrollTop: h.scrollTop, scrollHeight: h.scrollHeight, scrollWidth: h.scrollWidth, deltaX: h.scrollLeft - lastLeft, deltaY: h.scrollTop - lastTop };
      lastTop = h.scrollTop;
      lastLeft = h.scrollLeft;
      ctx.trigger('scroll', detail);
      const lower = num(ctx.data.lowerThreshold, 50);
      const upper = num(ctx.data.upperThreshold, 50);
      const vertical = truthy(ctx.data.scrollY);
      const nearEnd = vertical ? h.scrollTop + h.clientHeight >= h.scrollHeight - lower : h.scrollLeft + h.clientWidth >= h.scrollWidth - lower;
      const nearStart = vertical ? h.scrollTop <= upper : h.scrollLeft <= upper;
      if (nearEnd && !atLower) ctx.trigger('scrolltolower', { direction: vertical ? 'bottom' : 'right' });
      if (nearStart && !atUpper) ctx.trigger('scrolltoupper', { direction: vertical ? 'top' : 'left' });
      atLower = nearEnd;
      atUpper = nearStart;
    }, { passive: true });
  },
  update(ctx) {
    const h = ctx.host;
    h.style.overflowX = truthy(ctx.data.scrollX) ? 'auto' : 'hidden';
    h.style.overflowY = truthy(ctx.data.scrollY) ? 'auto' : 'hidden';
    const behavior = truthy(ctx.data.scrollWithAnimation) ? 'smooth' : 'auto';
    const top = ctx.data.scrollTop;
    if (top !== undefined && top !== null && top !== '' && ctx.state.top !== top) {
      ctx.state.top = top;
      h.scrollTo({ top: num(top, 0), behavior });
    }
    const left = ctx.data.scrollLeft;
    if (left !== undefined && left !== null && left !== '' && ctx.state.left !== left) {
      ctx.state.left = left;
      h.scrollTo({ left: num(left, 0), behavior });
    }
    const into = str(ctx.data.scrollIntoView);
    if (into && ctx.state.into !== into) {
      ctx.state.into = into;
      const target = h.querySelector(`[id="${CSS.escape(into)}"]`);
      if (target instanceof HTMLElement) h.scrollTo({ top: target.offsetTop - h.offsetTop, left: target.offsetLeft - h.offsetLeft, behavior });
    }
  },
});

define('swiper', {
  template: '<div><slot/></div>',
  properties: {
    indicatorDots: Boolean, indicatorColor: String, indicatorActiveColor: String, autoplay: Boolean, current: { type: Number, value: 0 },
    interval: { type: Number, value: 5000 }, duration: { type: Number, value: 500 }, circular: Boolean, vertical: Boolean, previousMargin: String, nextMargin: String,
  },
  setup(ctx) {
    const track = native(ctx, 'div');
    track.className = 'pv-swiper-track';
    const dots = document.createElement('span');
    dots.className = 'pv-swiper-dots';
    ctx.host.appendChild(dots);
    const count = () => track.children.length;
    const go = (index: number, source: 'touch' | 'autoplay' | '') => {
      const n = count();
      if (n === 0) return;
      const next = truthy(ctx.data.circular) ? (index + n) % n : Math.max(0, Math.min(n - 1, index));
      if (next === ctx.state.current) return;
      ctx.state.current = next;
      paint();
      if (source) ctx.trigger('change', { current: next, currentItemId: '', source });
    };
    const paint = () => {
      const current = num(ctx.state.current, 0);
      track.style.transitionDuration = `${num(ctx.data.duration, 500)}ms`;
      track.style.transform = `translateX(${-100 * current}%)`;
      dots.hidden = !truthy(ctx.data.indicatorDots);
      dots.replaceChildren(...Array.from({ length: count() }, (_, i) => {
        const dot = document.createElement('i');
        dot.style.background = i === current ? str(ctx.data.indicatorActiveColor) || '#000' : str(ctx.data.indicatorColor) || 'rgba(0,0,0,.3)';
        return dot;
      }));
    };
    ctx.state.paint = paint;
    ctx.state.go = go;
    let startX = 0;
    ctx.host.addEventListener('pointerdown', (e) => (startX = e.clientX));
    ctx.host.addEventListener('pointerup', (e) => {
      const dx = e.clientX - startX;
      if (Math.abs(dx) > 40) go(num(ctx.state.current, 0) + (dx < 0 ? 1 : -1), 'touch');
    });
    let waited = 0;
    ctx.state.timer = window.setInterval(() => {
      waited = truthy(ctx.data.autoplay) ? waited + 250 : 0;
      if (waited < num(ctx.data.interval, 5000)) return;
      waited = 0;
      go(num(ctx.state.current, 0) + 1, 'autoplay');
    }, 250);
  },
  update(ctx) {
    const current = num(ctx.data.current, 0);
    if (ctx.state.lastCurrent !== current) {
      ctx.state.lastCurrent = current;
      ctx.state.current = current;
    }
    const paint = ctx.state.paint;
    if (typeof paint === 'function') window.setTimeout(() => paint(), 0);
  },
  detached(ctx) {
    window.clearInterval(num(ctx.state.timer, 0));
  },
});

// --- native components the preview does not reproduce -------------------------------------------
['map', 'video', 'camera', 'canvas', 'web-view', 'live-player', 'live-pusher', 'ad', 'ad-custom', 'editor', 'official-account', 'open-data', 'voip-room', 'channel-video', 'page-container', 'match-media', 'picker-view', 'picker-view-column', 'cover-image', 'audio'].forEach((name) => {
  define(name, {
    template: '<span></span><slot/>',
    setup(ctx) {
      unsupported(`<${name}>`);
      const label = native(ctx, 'span');
      label.className = 'pv-unsupported';
      label.textContent = `<${name}> not in preview`;
    },
  });
});

export const BUILTINS_READY = true;
