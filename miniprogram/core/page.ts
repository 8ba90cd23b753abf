// What every page (the service pages and the tabs) does the same way, once: the title, the identity gate
// and the way back after verifying, large text, loading / error / retry / empty, the "needs identity"
// redirect when the government forgot the session, and settling payments WeChat Pay took before showing
// what is due, again when the person comes back to the page. A page adds `servicePage` to its behaviors,
// calls `openPage` in onLoad with what is its own (its route, its words, how it loads), and `loadFailed`
// when loading fails. A page anyone may see (a tab) says `level: null`, and gives its title as a function
// when its language can change under it (on another tab, or on the page itself: then it calls
// `reloadPage`). Coming back, large text follows a change made meanwhile (on the Me tab).
import type { IdentityLevel } from '../contracts/identity';
import { isLargeText } from './display';
import { ServiceError } from './errors';
import { passGate, sendToIdentity, type Query } from './gate';
import type { LoadErrorView, LoadStatus } from './load-error';
import { setNavigationTitle } from './wx';

export interface PageSpec {
  /** The page's route, to come back to after verifying. */
  route: string;
  /** The query it was opened with, kept whole for the way back. */
  query: Query;
  /** The navigation bar's title; a function is read again when the page shows again and on `reloadPage`. */
  title: string | (() => string);
  /** Who may see it: verified by default; null for anyone (no gate). */
  level?: IdentityLevel | null;
  /** Loads (or reloads) what the page shows; on failure it calls `loadFailed`. */
  load: () => Promise<void>;
  /** "Loading…" in the page's language, shown while retrying. */
  loadingText: string;
  /**
   * Settles payments WeChat Pay took whose result the device still owes a check for, before loading
   * (a slow one never holds the page up: `later` loads again when it ends). Pages showing what is due.
   */
  settle?: (later: () => void) => Promise<unknown>;
  /** Where the error state's "way forward" button goes, when retrying cannot help. */
  forward?: () => void;
  /** Data to show while loading (words), set with large text in the same setData. */
  initial?: Record<string, unknown>;
  /** Load again on coming back (default). Not for a page that opens WeChat Pay: its sheet hides the page too. */
  reloadOnReturn?: boolean;
}

interface PageState { spec: PageSpec; hidden: boolean }
const pages = new WeakMap<object, PageState>();

interface PageLike {
  readonly data: Record<string, unknown>;
  setData(data: Record<string, unknown>): void;
}

const titleOf = (spec: PageSpec): string => (typeof spec.title === 'function' ? spec.title() : spec.title);

/** Loads the page, settling owed payment checks first when the page asks for it. */
async function settleThenLoad(page: object, spec: PageSpec): Promise<void> {
  if (spec.settle) {
    await spec.settle(() => {
      if (!pages.get(page)?.hidden) void spec.load();
    });
  }
  await spec.load();
}

/** The page's first steps in onLoad: title, gate, large text, then its content. False when sent to verify. */
export async function openPage(page: PageLike, spec: PageSpec): Promise<boolean> {
  pages.set(page, { spec, hidden: false });
  setNavigationTitle(titleOf(spec));
  if (spec.level !== null && !(await passGate(spec.route, spec.query, spec.level))) return false;
  page.setData({ ...spec.initial, large: isLargeText() });
  await settleThenLoad(page, spec);
  return true;
}

/**
 * Loads the page again, its title too when that is a function: on coming back, or after the page changed
 * its own language. Large text is set only when it changed meanwhile.
 */
export async function reloadPage(page: PageLike): Promise<void> {
  const spec = pages.get(page)?.spec;
  if (!spec) return;
  if (typeof spec.title === 'function') setNavigationTitle(spec.title());
  const large = isLargeText();
  if (page.data.large !== large) page.setData({ large });
  await settleThenLoad(page, spec);
}

/**
 * A failed load: the government no longer knows the session, so the person verifies and comes back
 * here with the same query; otherwise the error view (retry only where it can help).
 */
export async function loadFailed(page: PageLike, err: unknown, view: (err: unknown) => Omit<LoadErrorView, 'forwardText'>, extra: Record<string, unknown> = {}): Promise<void> {
  const state = pages.get(page);
  // A page anyone may see shows the error instead: it never sends the person to verify.
  if (err instanceof ServiceError && err.needsIdentity && state && state.spec.level !== null) {
    await sendToIdentity(state.spec.route, state.spec.query, state.spec.level);
    return;
  }
  page.setData({ ...view(err), ...extra });
}

/** How a page shows one record of the government's, found by the id in its query. */
export interface RecordLoad<T> {
  /** From the query; '' (a broken link) reads as NOT_FOUND, the same as another person's record. */
  id: string;
  fetch(id: string): Promise<T>;
  show(found: T): void;
  /** False once the page has closed: what arrives later is dropped. */
  alive(): boolean;
  failed(err: unknown): Omit<LoadErrorView, 'forwardText'>;
  /** Also set with the error view (e.g. `{ busy: '' }`). */
  extra?: Record<string, unknown>;
}

/** A detail page's load: the record by its id, shown, or the error view (or the identity gate) instead. */
export async function loadRecord<T>(page: PageLike, spec: RecordLoad<T>): Promise<void> {
  try {
    if (!spec.id) throw new ServiceError('NOT_FOUND', 'no id given', 404);
    const found = await spec.fetch(spec.id);
    if (spec.alive()) spec.show(found);
  } catch (err) {
    if (spec.alive()) await loadFailed(page, err, spec.failed, spec.extra);
  }
}

export const servicePage = Behavior({
  data: {
    status: 'loading' as LoadStatus,
    message: '',
    retryText: '',
    forwardText: '',
    large: false,
  },
  methods: {
    async retry() {
      const state = pages.get(this);
      if (!state) return;
      this.setData({ status: 'loading', message: state.spec.loadingText });
      await state.spec.load();
    },
    forward() {
      pages.get(this)?.spec.forward?.();
    },
    onHide() {
      const state = pages.get(this);
      if (state) state.hidden = true;
    },
    /** Coming back (from a bind, a payment, identity): what is shown may have changed, so load again. */
    async onShow() {
      const state = pages.get(this);
      if (!state?.hidden) return;
      state.hidden = false;
      if (state.spec.reloadOnReturn === false) return;
      await reloadPage(this);
    },
  },
});
