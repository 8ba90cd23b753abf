// What every service page does the same way, once: the title, the identity gate and the way back after
// verifying, large text, loading / error / retry / empty, the "needs identity" redirect when the
// government forgot the session, and settling payments WeChat Pay took before showing what is due, again
// when the person comes back to the page. A page adds `servicePage` to its behaviors, calls `openPage`
// in onLoad with what is its own (its route, its words, how it loads), and `loadFailed` when loading fails.
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
  title: string;
  /** Who may see it; verified by default. */
  level?: IdentityLevel;
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

interface PageLike { setData(data: Record<string, unknown>): void }

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
  setNavigationTitle(spec.title);
  if (!(await passGate(spec.route, spec.query, spec.level))) return false;
  page.setData({ ...spec.initial, large: isLargeText() });
  await settleThenLoad(page, spec);
  return true;
}

/**
 * A failed load: the government no longer knows the session, so the person verifies and comes back
 * here with the same query; otherwise the error view (retry only where it can help).
 */
export async function loadFailed(page: PageLike, err: unknown, view: (err: unknown) => LoadErrorView | { status: 'error'; message: string; retryText: string }, extra: Record<string, unknown> = {}): Promise<void> {
  const state = pages.get(page);
  if (err instanceof ServiceError && err.needsIdentity && state) {
    await sendToIdentity(state.spec.route, state.spec.query, state.spec.level);
    return;
  }
  page.setData({ ...view(err), ...extra });
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
      await settleThenLoad(this, state.spec);
    },
  },
});
