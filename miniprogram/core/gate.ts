// The real-name gate on the device side. The government enforces the same rule on every endpoint.
import type { IdentityLevel } from '../contracts/identity';
import { loadSession, meetsLevel } from './session';
import { redirectTo, switchTab } from './wx';

export const IDENTITY_PAGE = '/pages/identity/identity';
export const TAB_PAGES = ['/pages/home/home', '/pages/me/me'];

export type Query = Record<string, string | undefined>;

export function buildUrl(route: string, query: Query = {}): string {
  const path = route.startsWith('/') ? route : `/${route}`;
  const pairs = Object.keys(query)
    .filter((key) => query[key] !== undefined)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key] ?? '')}`);
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

export function identityUrlFor(route: string, query: Query = {}, level: IdentityLevel = 'verified'): string {
  return buildUrl(IDENTITY_PAGE, { redirect: buildUrl(route, query), level: level === 'face' ? 'face' : undefined });
}

/** Sends the person to verify and back here afterwards; the page that called stops loading. */
export function sendToIdentity(route: string, query: Query = {}, level: IdentityLevel = 'verified'): Promise<unknown> {
  return redirectTo(identityUrlFor(route, query, level)).catch(() => undefined);
}

/**
 * Call first in a gated page's onLoad: resolves true when the person may continue,
 * otherwise redirects to identity (carrying this page and its query) and resolves false.
 */
export async function passGate(route: string, query: Query = {}, level: IdentityLevel = 'verified'): Promise<boolean> {
  const session = await loadSession();
  if (session.token && meetsLevel(session.level, level)) return true;
  await sendToIdentity(route, query, level);
  return false;
}

/** Only same-app absolute page paths are followed; anything else goes home. */
export function safeRedirect(target: string | undefined): string {
  if (!target) return TAB_PAGES[1];
  return /^\/(pages|packages)\/[\w/-]+(\?[^#]*)?$/.test(target) ? target : TAB_PAGES[0];
}

export function goTo(target: string): Promise<unknown> {
  const path = target.split('?')[0];
  return TAB_PAGES.includes(path) ? switchTab(path) : redirectTo(target);
}
