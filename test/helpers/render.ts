// renderPage(path, { query }): loads a page through miniprogram-simulate with the official WXML
// compiler and real WeUI components, wires a fresh mocked government, runs onLoad, and audits it.
import * as fs from 'fs';
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import { BUDGET, PageAudit, type TreeStats } from './audit';
import { createTestGovernment, testStandIns, type TestGovernment } from './government';
import type { EmbeddedTransport } from '../../miniprogram/core/transport';
import { fake, parseUrl } from './fake-wx';

export const APP_ROOT = path.resolve(__dirname, '../../miniprogram');
const WEUI_DIST = path.resolve(__dirname, '../../node_modules/weui-miniprogram/miniprogram_dist');

function listFiles(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

let cachedOptions: simulate.LoadOptions | null = null;

/** Maps every `weui-miniprogram/x/y` tag in the app's json to WeUI's dist, and compiles WeUI's wxml too. */
function loadOptions(): simulate.LoadOptions {
  if (cachedOptions) return cachedOptions;
  const usingComponents: Record<string, string> = {};
  listFiles(APP_ROOT, '.json').forEach((file) => {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    Object.entries(json.usingComponents ?? {}).forEach(([tag, target]) => {
      if (target.startsWith('weui-miniprogram/')) {
        usingComponents[tag] = `/${path.relative(APP_ROOT, path.join(WEUI_DIST, target.slice('weui-miniprogram/'.length)))}`;
      }
    });
  });
  const rel = (file: string): string => path.relative(APP_ROOT, file).split(path.sep).join('/');
  cachedOptions = {
    rootPath: APP_ROOT,
    usingComponents,
    compilerOptions: {
      wxmlList: [...listFiles(APP_ROOT, '.wxml'), ...listFiles(WEUI_DIST, '.wxml')].map(rel),
      wxsList: [...listFiles(APP_ROOT, '.wxs'), ...listFiles(WEUI_DIST, '.wxs')].map(rel),
    },
  };
  return cachedOptions;
}

/** Lets pending promises, timers of 0 ms and simulate's async event dispatch run. */
export async function flush(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

type Node = simulate.Component<Record<string, unknown>, Record<string, never>, Record<string, never>>;
type Root = simulate.RootComponent<Record<string, unknown>, Record<string, never>, Record<string, never>>;
type PageInstance = Record<string, unknown> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
};

export interface RenderOptions {
  query?: Record<string, string>;
  gov?: TestGovernment;
  /** e.g. 'en' or 'zh_CN': WeChat's language for this render. */
  language?: string;
  /** Render as against a real government: no stand-ins (WeChat's own face check, SMS and Pay). */
  realGovernment?: boolean;
}

export interface RenderedPage {
  comp: Root;
  data: Record<string, unknown>;
  gov: TestGovernment;
  audit: PageAudit;
  /** Runs one user action, counted as one interaction in the audit. */
  act(label: string, action: () => void | Promise<void>): Promise<void>;
  tap(selector: string): Promise<void>;
  input(selector: string, value: string): Promise<void>;
  /** An event a child component fires (e.g. WeUI searchbar's `input`). */
  fire(selector: string, event: string, detail: unknown): Promise<void>;
  call(method: string, ...args: unknown[]): Promise<void>;
  find(selector: string): Node | undefined;
  findAll(selector: string): Node[];
  /** Everything a person can read on the page, whitespace collapsed. */
  text(): string;
  textOf(selector: string): string;
  measure(): TreeStats;
}

export async function renderPage(pagePath: string, options: RenderOptions = {}): Promise<RenderedPage> {
  const route = pagePath.replace(/^\//, '');
  const query = options.query ?? {};
  if (options.language) fake.language = options.language;
  const gov = options.gov ?? createTestGovernment();

  // A fresh module registry: the page and the services it imports start clean, as after a restart.
  jest.resetModules();
  const api = await import('../../miniprogram/services/api');
  // The transport must come from the fresh registry too, or its ServiceError is another class
  // than the page's and `instanceof` fails; the fault switch stays the test's `gov.transport`.
  const { createEmbeddedTransport } = await import('../../miniprogram/mock/transport');
  const fresh = createEmbeddedTransport(gov.government, { latencyMs: 0 });
  const faultAware: EmbeddedTransport = {
    get fault() {
      return gov.transport.fault;
    },
    setFault: (next) => gov.transport.setFault(next),
    send: (req) => {
      fresh.setFault(gov.transport.fault);
      return fresh.send(req);
    },
    upload: (req) => {
      fresh.setFault(gov.transport.fault);
      return fresh.upload(req);
    },
  };
  // Reads still retry three times under a fault, just without real seconds of backoff.
  api.useTransport(faultAware, { retryBaseDelayMs: 1 });
  // The embedded government's stand-ins, as backend.ts installs them with it; none for a real government.
  const simulation = await import('../../miniprogram/core/stand-ins');
  simulation.installStandIns(options.realGovernment ? null : testStandIns(gov, (await import('../../miniprogram/mock/stand-ins')).createStandIns));

  const entry = parseUrl(`/${route}${Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : ''}`);
  fake.stack[fake.stack.length - 1] = entry;

  const id = simulate.load(path.join(APP_ROOT, route), loadOptions());
  const comp = simulate.render(id) as unknown as Root;
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  comp.attach(parent);

  const instance = comp.instance as unknown as PageInstance;
  const audit = new PageAudit(path.join(APP_ROOT, `${route}.wxml`));
  const originalSetData = instance.setData.bind(instance);
  instance.setData = (data, callback) => {
    audit.record(data);
    originalSetData(data, callback);
  };

  const method = (name: string): ((...args: unknown[]) => unknown) => {
    const fn = instance[name];
    if (typeof fn !== 'function') throw new Error(`${route} has no method ${name}`);
    return (...args) => (fn as (...a: unknown[]) => unknown).apply(instance, args);
  };

  const lifecycle = instance.onLoad;
  if (typeof lifecycle === 'function') await method('onLoad')(query);
  await flush();
  if (typeof instance.onShow === 'function') {
    await method('onShow')();
    await flush();
  }
  audit.snapshot(comp.dom as Element);

  const page: RenderedPage = {
    comp,
    gov,
    audit,
    get data() {
      return instance.data;
    },
    async act(label, action) {
      audit.begin(label);
      await action();
      await flush();
      audit.snapshot(comp.dom as Element);
    },
    tap(selector) {
      return page.act(`tap ${selector}`, () => {
        const node = page.find(selector);
        if (!node) throw new Error(`nothing to tap at ${selector}`);
        node.dispatchEvent('tap');
      });
    },
    input(selector, value) {
      return page.act(`input ${selector}`, () => {
        const node = page.find(selector);
        if (!node) throw new Error(`no input at ${selector}`);
        (node.dom as HTMLInputElement).value = value;
        node.dispatchEvent('input', { detail: { value, cursor: value.length } });
      });
    },
    fire(selector, event, detail) {
      return page.act(`${event} ${selector}`, () => {
        const node = page.find(selector);
        if (!node) throw new Error(`nothing at ${selector}`);
        node.dispatchEvent(event, { detail });
      });
    },
    call(name, ...args) {
      return page.act(`call ${name}`, async () => {
        await method(name)(...args);
      });
    },
    find: (selector) => {
      // `#outer >>> .inner` looks inside a child component's own tree.
      let node: Node | undefined = comp as unknown as Node;
      for (const part of selector.split(' >>> ')) node = node?.querySelector(part.trim()) as Node | undefined;
      return node;
    },
    findAll: (selector) => {
      const parts = selector.split(' >>> ');
      const last = parts.pop() as string;
      const host = parts.length ? page.find(parts.join(' >>> ')) : (comp as unknown as Node);
      return (host?.querySelectorAll(last.trim()) ?? []) as Node[];
    },
    text: () => ((comp.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim(),
    textOf: (selector) => (((page.find(selector)?.dom as Element | undefined)?.textContent) ?? '').replace(/\s+/g, ' ').trim(),
    measure: () => audit.snapshot(comp.dom as Element),
  };
  return page;
}

/** The budgets (docs/architecture.md, "Budgets"), over everything the test did with the page. */
export function expectWithinBudgets(page: RenderedPage): void {
  page.measure();
  const report = page.audit.report();
  const tooMany = page.audit.interactions.filter((i) => i.calls.length > BUDGET.setDataPerAction).map((i) => `${i.label}: ${i.calls.length}`);
  expect(tooMany).toEqual([]);
  expect(report.worstBytes).toBeLessThanOrEqual(BUDGET.setDataBytes);
  expect(report.worstNodes).toBeLessThan(BUDGET.nodes);
  expect(report.worstDepth).toBeLessThan(BUDGET.depth);
  expect(report.worstChildren).toBeLessThanOrEqual(BUDGET.children);
  expect([...page.audit.unusedKeys]).toEqual([]);
}

/** The kind components/message shows at `host` (its class message-<kind>) and its role for screen readers. */
export function messageAt(page: RenderedPage, host: string): { kind: string; role: unknown } {
  const box = page.find(`${host} >>> .message`);
  const attr = (name: string): unknown => box?.toJSON().attrs.find((a) => a.name === name)?.value;
  return { kind: /\bmessage-(\w+)/.exec(String(attr('class') ?? ''))?.[1] ?? '', role: attr('ariaRole') };
}
