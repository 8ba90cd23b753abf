// The mocked government as it runs inside the mini program: its state in wx storage (one key per
// part), its digest key encrypted, its random bytes from wx.getRandomValues, and the stand-ins a
// tester needs where only WeChat could act. backend.ts loads this module only where it is present
// (a release build leaves it out) and the mini program is not the released version.
import { DAY_MS, systemClock } from '../core/dates';
import { createEntropyPool, wxRandomBytes } from '../core/entropy';
import type { StandIns, TesterClock } from '../core/stand-ins';
import { hasStorageKey, readEncryptedStrict, readStorageSync, removeStorageSync, writeEncrypted, writeStorageSync, writeStorageStrict } from '../core/storage';
import type { GovernmentHandler } from '../core/transport';
import { confirm } from '../core/wx';
import { mockText } from './i18n';
import { createGovernment, merchantKeyOf, type Government, type SetAside } from './index';
import { createSecureRandom } from './random';
import { createStandIns } from './stand-ins';
import { createWeChatPay, type WeChatPay } from './wechat-pay';

export { createEmbeddedTransport as transportTo } from './transport';

/** The government's parts are stored under this prefix, one key each. */
export const GOVERNMENT_STORAGE_PREFIX = 'embedded-government.state.';
/** The key for the government's digests of personal data: encrypted, and never in its state. */
export const GOVERNMENT_SECRET_KEY = 'embedded-government.secret';
/** When the tester was last told about state set aside (the `at` of the newest one told). */
export const SET_ASIDE_TOLD_KEY = 'embedded-government.set-aside-told';
/** How many days the tester has moved the government's clock forward. */
export const DAYS_AHEAD_KEY = 'embedded-government.days-ahead';
const MAX_DAYS_AHEAD = 3650;
/** What the face stand-in answers; the embedded government accepts it, no real one does. */

/**
 * The stored key, or a new one for a new government. A key that exists but cannot be read is an
 * error (the government is unavailable until it can be), never a reason to make another: state
 * digested with a lost key would no longer match anybody.
 */
export async function governmentSecret(): Promise<string> {
  const stored = await readEncryptedStrict(GOVERNMENT_SECRET_KEY);
  if (stored) return stored;
  // No key: any state left is unreadable by design (its digests need the key). It is set aside, not
  // overwritten: the next generation starts fresh, and the tester is told.
  setAsideForLostSecret();
  const fresh = Array.from(await wxRandomBytes(32), (b) => b.toString(16).padStart(2, '0')).join('');
  await writeEncrypted(GOVERNMENT_SECRET_KEY, fresh);
  return fresh;
}

/** The single key the government kept everything in before it was stored part by part; never read again. */
const LEGACY_STATE_KEY = 'embedded-government.state';

function setAsideForLostSecret(): void {
  const rootKey = `${GOVERNMENT_STORAGE_PREFIX}root`;
  const text = hasStorageKey(rootKey) ? readStorageSync<string>(rootKey) : undefined;
  if (text === undefined) return;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    removeStorageSync(rootKey);
    return;
  }
  if (typeof root !== 'object' || root === null || !('generation' in root) || typeof root.generation !== 'number') {
    removeStorageSync(rootKey);
    return;
  }
  const earlier: unknown[] = 'setAside' in root && Array.isArray(root.setAside) ? root.setAside : [];
  const entry = { generation: root.generation, part: 'secret', at: testerClock.now() };
  writeStorageStrict(rootKey, JSON.stringify({ ...root, generation: root.generation + 1, writing: false, setAside: [...earlier, entry].slice(-20) }));
}

/** Tells the tester, once, that stored state could not be read and was kept aside. */
function tellSetAside(found: SetAside[]): void {
  const newest = found.reduce<SetAside | null>((latest, entry) => (!latest || entry.at > latest.at ? entry : latest), null);
  if (!newest) return;
  const told = readStorageSync<number>(SET_ASIDE_TOLD_KEY);
  if (typeof told === 'number' && told >= newest.at) return;
  writeStorageSync(SET_ASIDE_TOLD_KEY, newest.at);
  void confirm({
    title: mockText.t('setAsideTitle'),
    content: mockText.t('setAsideBody', { generation: newest.generation }),
    confirmText: mockText.t('ok'),
    cancelText: mockText.t('cancel'),
  });
}

let daysAheadCache: number | null = null;

function daysAhead(): number {
  if (daysAheadCache === null) {
    const stored = readStorageSync<unknown>(DAYS_AHEAD_KEY);
    daysAheadCache = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 && stored <= MAX_DAYS_AHEAD ? stored : 0;
  }
  return daysAheadCache;
}

/** The device's time plus the days the tester moved forward, kept beside the government's state. */
export const testerClock: TesterClock = {
  now: () => systemClock.now() + daysAhead() * DAY_MS,
  daysAhead,
  moveForward: (days) => {
    if (!Number.isInteger(days) || days < 1) return;
    const next = Math.min(MAX_DAYS_AHEAD, daysAhead() + days);
    writeStorageSync(DAYS_AHEAD_KEY, next);
    daysAheadCache = next;
  },
};

/** Where the simulated WeChat Pay keeps what it took: beside the government, never signed out with a person. */
export const WECHAT_PAY_KEY = 'embedded-government.wechat-pay';

/** The embedded government and the simulated WeChat Pay beside it, made once, when first needed. */
interface World { government: Government; weChatPay: WeChatPay }

const pool = createEntropyPool(wxRandomBytes);
let world: Promise<World> | null = null;

function startWorld(): Promise<World> {
  if (!world) {
    // Left by an app version before the state was kept part by part: it only takes up room.
    removeStorageSync(LEGACY_STATE_KEY);
    world = governmentSecret().then((secret) => {
      const merchantKey = merchantKeyOf(secret);
      const weChatPay = createWeChatPay({
        merchantKey,
        clock: testerClock,
        random: createSecureRandom((count) => pool.take(count)),
        storage: { read: () => (hasStorageKey(WECHAT_PAY_KEY) ? readStorageSync<string>(WECHAT_PAY_KEY) : undefined), write: (text) => writeStorageStrict(WECHAT_PAY_KEY, text) },
      });
      const government = createGovernment({
        clock: testerClock,
        seed: 20261122,
        secret,
        randomBytes: (count) => pool.take(count),
        storage: {
          read: (key) => (hasStorageKey(GOVERNMENT_STORAGE_PREFIX + key) ? readStorageSync<string>(GOVERNMENT_STORAGE_PREFIX + key) : undefined),
          write: (key, value) => writeStorageStrict(GOVERNMENT_STORAGE_PREFIX + key, value),
          remove: (key) => removeStorageSync(GOVERNMENT_STORAGE_PREFIX + key),
        },
        config: { exposeSmsCode: true, allowSimulatedFace: true },
        merchant: { key: merchantKey, refund: (orderId, reference, amountFen) => weChatPay.refund(orderId, reference, amountFen) },
      });
      weChatPay.connect((req) => government.handle(req));
      tellSetAside(government.setAside());
      return { government, weChatPay };
    });
    // Try again on the next request rather than keep a failed start.
    world.catch(() => {
      world = null;
    });
  }
  return world;
}

/** The simulated WeChat Pay the embedded government uses (the browser preview's payment sheet pays through it). */
export async function embeddedWeChatPay(): Promise<WeChatPay> {
  await pool.fill();
  return (await startWorld()).weChatPay;
}

export function embeddedGovernment(): GovernmentHandler {
  return {
    handle: async (req) => {
      try {
        await pool.fill();
        const { government, weChatPay } = await startWorld();
        // WeChat Pay keeps sending a notification until the government takes it.
        await weChatPay.deliver();
        return await government.handle(req);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { status: 503, body: { error: { code: 'UNAVAILABLE', message: `The embedded government could not start: ${message}` } } };
      }
    },
  };
}

export { createStandIns, payOnSheet } from './stand-ins';

export const standIns: StandIns = createStandIns(testerClock, embeddedWeChatPay);
