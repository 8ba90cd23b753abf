// The person's session on this device: the token (stored encrypted) and a masked profile.
// The full resident ID and any face data are never stored.
import type { IdentityLevel, Profile } from '../contracts/identity';
import { readEncrypted, readStorageSync, removeStorageSync, writeEncrypted, writeStorageSync } from './storage';

export const TOKEN_KEY = 'session.token';
export const PROFILE_KEY = 'session.profile';

export interface SessionState {
  token: string | undefined;
  level: IdentityLevel;
  profile: Profile | null;
}

const empty = (): SessionState => ({ token: undefined, level: 'anonymous', profile: null });

let state: SessionState | null = null;
let loading: Promise<SessionState> | null = null;

export function loadSession(): Promise<SessionState> {
  if (state) return Promise.resolve(state);
  if (!loading) {
    loading = readEncrypted(TOKEN_KEY).then((token) => {
      const profile = token ? readStorageSync<Profile>(PROFILE_KEY) ?? null : null;
      state = { token, level: profile ? profile.level : 'anonymous', profile };
      loading = null;
      return state;
    });
  }
  return loading;
}

/** The token in memory, if the session has been loaded. */
export function currentToken(): string | undefined {
  return state?.token;
}

export function currentSession(): SessionState {
  return state ?? empty();
}

export async function saveSession(token: string, profile: Profile | null): Promise<SessionState> {
  state = { token, level: profile ? profile.level : 'anonymous', profile };
  await writeEncrypted(TOKEN_KEY, token);
  if (profile) writeStorageSync(PROFILE_KEY, profile);
  else removeStorageSync(PROFILE_KEY);
  return state;
}

/**
 * Storage that outlives a sign-out: the person's settings, the embedded government itself, and
 * payments made in WeChat but not yet confirmed (settled on the next sign-in, not lost).
 */
const KEPT_PREFIXES = ['settings.', 'embedded-government.', 'payments.unconfirmed'];

export function clearSession(): void {
  state = empty();
  removeStorageSync(TOKEN_KEY);
  removeStorageSync(PROFILE_KEY);
}

/** Sign-out: the session and everything personal on the device (drafts, recent services) go. */
export function clearPersonalData(): void {
  clearSession();
  let keys: string[] = [];
  try {
    keys = wx.getStorageInfoSync().keys;
  } catch {
    // Without the key list only the session itself can be removed.
  }
  keys.filter((key) => !KEPT_PREFIXES.some((prefix) => key.startsWith(prefix))).forEach(removeStorageSync);
}

export function meetsLevel(level: IdentityLevel, required: IdentityLevel): boolean {
  const rank: Record<IdentityLevel, number> = { anonymous: 0, verified: 1, face: 2 };
  return rank[level] >= rank[required];
}
