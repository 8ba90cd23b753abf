// Drafts: what a person half-typed into a form, kept on this device for when they come back, all under
// one key scheme, `draft.<owner>.<form>`. The owner is the verified person on this device (a short hash
// of their masked ID and masked name, which tells nothing the stored profile does not) or `guest` before
// verifying, so one person's draft is never offered to another on the same phone; sign-out removes every
// draft (core/session.ts clearPersonalData keeps only settings and the like). A draft never holds a full
// resident ID: text that looks like one is left out, and the person types it again.
// The session must be loaded (loadSession, as the gate and the identity page do) before a draft is used.
import { currentSession } from './session';
import { readStorageSync, removeStorageSync, writeStorageSync } from './storage';

export const DRAFT_PREFIX = 'draft.';
export const GUEST = 'guest';

/** A draft is flat: field -> what was typed or chosen. */
export type DraftValue = { readonly [field: string]: string | number | boolean | undefined };

type Kind = 'string' | 'number' | 'boolean';
interface KindTypes { string: string; number: number; boolean: boolean }
/** The draft a shape describes; every field may be missing (never typed, or left out as an ID). */
export type DraftOf<S extends Record<string, Kind>> = { [P in keyof S]?: KindTypes[S[P]] };

/** FNV-1a, 32 bits, in base 36: short and stable, not a secret. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** Whose drafts are read and written now: the verified person, or `guest`. */
export function draftOwner(): string {
  const profile = currentSession().profile;
  return profile ? `p${shortHash(`${profile.idMasked}|${profile.nameMasked}`)}` : GUEST;
}

export function draftKey(form: string, owner: string = draftOwner()): string {
  return `${DRAFT_PREFIX}${owner}.${form}`;
}

/**
 * 18 characters (17 digits and a digit or X) or 15 digits, spaces and dashes ignored, anywhere in the
 * text; a marriage certificate number (J and 16 digits, e.g. J440106-2020-004512) on its own is not one.
 */
export function looksLikeResidentId(text: string): boolean {
  // Full-width digits (a Chinese keyboard's １２３) and any separator count too.
  const compact = text.normalize('NFKC').replace(/[\s\-./_,，、·]+/g, '');
  if (/^J\d{16}$/i.test(compact)) return false;
  return /\d{17}[\dX]|\d{15}/i.test(compact);
}

/** What of a draft may be stored: everything but text that looks like a resident ID, and nothing undefined. */
export function storableDraft(value: DraftValue): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  Object.keys(value).forEach((field) => {
    const entry = value[field];
    if (entry === undefined || (typeof entry === 'string' && looksLikeResidentId(entry))) return;
    kept[field] = entry;
  });
  return kept;
}

/** A type guard for a draft of this shape, e.g. `draftShape({ name: 'string', province: 'number' })`. */
export function draftShape<S extends Record<string, Kind>>(shape: S): (value: unknown) => value is DraftOf<S> {
  return (value: unknown): value is DraftOf<S> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const entries = new Map(Object.entries(value));
    return Object.keys(shape).every((field) => !entries.has(field) || typeof entries.get(field) === shape[field]);
  };
}

/** The owner's draft of this form, if there is one of the expected shape. */
export function readDraft<T>(form: string, guard: (value: unknown) => value is T, owner: string = draftOwner()): T | undefined {
  const stored = readStorageSync<unknown>(draftKey(form, owner));
  return guard(stored) ? stored : undefined;
}

export function saveDraft(form: string, value: DraftValue, owner: string = draftOwner()): void {
  writeStorageSync(draftKey(form, owner), storableDraft(value));
}

export function clearDraft(form: string, owner: string = draftOwner()): void {
  removeStorageSync(draftKey(form, owner));
}
