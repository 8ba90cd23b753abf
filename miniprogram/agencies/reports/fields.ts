// Reading what a person sends with a report: the extra fields checked against the service's definition
// (generic: any category's attributes, by datatype, required flag and list keys; the order they come in
// does not matter), the place (a point inside one of the seed city's districts, or a typed address in one),
// the description, and the photo's type from its first bytes.
import { ADDRESS_MAX_CHARS, DESCRIPTION_MAX_CHARS, districtAt, type AttributeDefinition, type AttributeInput } from '../../contracts/reports';
import { checkPlate, normalisePlate } from '../../core/plates';
import type { BodyReader } from '../../mock/http';
import { DISTRICTS } from './seed';

/** Notes a field's problem (the first one per field stands). */
export type Flag = (field: string, code: string) => void;
type Reader = new (body: unknown) => BodyReader;

export interface StoredLocation { lat: number | null; long: number | null; address: string | null; district: string }

/** An own property of a JSON value as sent (the parsed body is prototype-less, but say so anyway). */
export const fieldOf = (source: unknown, name: string): unknown =>
  typeof source === 'object' && source !== null && !Array.isArray(source) && Object.prototype.hasOwnProperty.call(source, name) ? Reflect.get(source, name) : undefined;

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);
const missing = (value: unknown): boolean => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.trim() === '');

/** Attribute text: at most this many characters (string and text). */
const STRING_MAX = 200;
const TEXT_MAX = 2000;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/;
/** A datetime in the future by more than this is not a report of what happened. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;
/** Codes a caller names that are safe to echo in a field name; anything else is reported as `attributes`. */
const CODE_SHAPE = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_ATTRIBUTES = 40;

/** The milliseconds of an ISO 8601 date and time with its zone, or null when it is not one (or not a real time). */
export function parseIsoDateTime(text: string): number | null {
  const m = ISO_DATETIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? '0'));
  const inDay = new Date(Date.UTC(year, month - 1, day));
  if (inDay.getUTCFullYear() !== year || inDay.getUTCMonth() !== month - 1 || inDay.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(m[8] ?? '0') > 14 || Number(m[9] ?? '0') > 59) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** One attribute's value as kept, or the problem code. */
function readValue(definition: AttributeDefinition, raw: unknown, now: number): { value: AttributeInput } | { problem: string } {
  switch (definition.datatype) {
    case 'string':
    case 'text': {
      if (typeof raw !== 'string') return { problem: 'ATTRIBUTE_TYPE' };
      const text = raw.trim();
      if (Array.from(text).length > (definition.datatype === 'string' ? STRING_MAX : TEXT_MAX)) return { problem: 'ATTRIBUTE_VALUE' };
      if (definition.format !== 'plate') return { value: text };
      const plate = normalisePlate(text);
      const problem = checkPlate(plate, Array.from(plate).length === 8 ? 'new-energy' : 'regular');
      return problem ? { problem } : { value: plate };
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { problem: 'ATTRIBUTE_TYPE' };
      if ((definition.min !== undefined && raw < definition.min) || (definition.max !== undefined && raw > definition.max)) return { problem: 'ATTRIBUTE_VALUE' };
      return { value: raw };
    }
    case 'datetime': {
      if (typeof raw !== 'string') return { problem: 'ATTRIBUTE_TYPE' };
      const at = parseIsoDateTime(raw.trim());
      if (at === null) return { problem: 'ATTRIBUTE_TYPE' };
      return at > now + FUTURE_SLACK_MS ? { problem: 'ATTRIBUTE_VALUE' } : { value: raw.trim() };
    }
    case 'singlevaluelist': {
      if (typeof raw !== 'string') return { problem: 'ATTRIBUTE_TYPE' };
      return (definition.values ?? []).some((v) => v.key === raw) ? { value: raw } : { problem: 'ATTRIBUTE_VALUE' };
    }
    case 'multivaluelist': {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) return { problem: 'ATTRIBUTE_TYPE' };
      const keys = raw.filter((item): item is string => typeof item === 'string');
      const known = new Set((definition.values ?? []).map((v) => v.key));
      if (keys.some((key) => !known.has(key)) || new Set(keys).size !== keys.length) return { problem: 'ATTRIBUTE_VALUE' };
      return { value: keys };
    }
    default:
      return { problem: 'ATTRIBUTE_TYPE' };
  }
}

/**
 * The service's attributes from `attributes` (an object by code), in the definition's order, flagging
 * `attributes.<code>` with ATTRIBUTE_REQUIRED / ATTRIBUTE_TYPE / ATTRIBUTE_VALUE (or a plate's own code),
 * and every code the definition does not have with ATTRIBUTE_UNKNOWN.
 */
export function readAttributes(raw: unknown, definitions: readonly AttributeDefinition[], now: number, flag: Flag): { code: string; value: AttributeInput }[] {
  if (raw !== undefined && raw !== null && !isObject(raw)) {
    flag('attributes', 'WRONG_TYPE');
    return [];
  }
  const sent = raw ?? {};
  const names = Object.keys(sent);
  if (names.length > MAX_ATTRIBUTES) {
    flag('attributes', 'ATTRIBUTE_UNKNOWN');
    return [];
  }
  names.forEach((name) => {
    if (!definitions.some((d) => d.code === name)) flag(CODE_SHAPE.test(name) ? `attributes.${name}` : 'attributes', 'ATTRIBUTE_UNKNOWN');
  });
  const kept: { code: string; value: AttributeInput }[] = [];
  [...definitions].sort((a, b) => a.order - b.order).forEach((definition) => {
    const value = fieldOf(sent, definition.code);
    if (missing(value)) {
      if (definition.required) flag(`attributes.${definition.code}`, 'ATTRIBUTE_REQUIRED');
      return;
    }
    const read = readValue(definition, value, now);
    if ('problem' in read) flag(`attributes.${definition.code}`, read.problem);
    else kept.push({ code: definition.code, value: read.value });
  });
  return kept;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function metresBetween(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The place from `location`: a point (`lat`, `long`, an optional `address`) that must fall in one of the
 * districts (else `location: OUTSIDE_CITY`), or an `address` with a `district` code (else
 * `location.district: DISTRICT_UNKNOWN`). Null when something is wrong (flagged).
 */
export function readLocation(raw: unknown, Reader: Reader, flag: Flag): StoredLocation | null {
  if (raw === undefined || raw === null) {
    flag('location', 'REQUIRED');
    return null;
  }
  if (!isObject(raw)) {
    flag('location', 'WRONG_TYPE');
    return null;
  }
  const inner = new Reader(raw);
  const point = fieldOf(raw, 'lat') !== undefined || fieldOf(raw, 'long') !== undefined;
  const address = inner.string('address', { max: ADDRESS_MAX_CHARS * 2, trim: true, visibleOnly: true, optional: point });
  if (address && Array.from(address).length > ADDRESS_MAX_CHARS) inner.flag('address', 'TOO_LONG');
  let found: StoredLocation | null = null;
  if (point) {
    const lat = inner.number('lat', { min: -90, max: 90, integer: false });
    const long = inner.number('long', { min: -180, max: 180, integer: false });
    if (!inner.problems.lat && !inner.problems.long) {
      const district = districtAt(DISTRICTS, lat, long);
      if (!district) flag('location', 'OUTSIDE_CITY');
      else found = { lat, long, address: address || null, district: district.code };
    }
  } else {
    const code = inner.string('district', { max: 40 });
    const district = DISTRICTS.find((d) => d.code === code);
    if (code && !district) inner.flag('district', 'DISTRICT_UNKNOWN');
    if (district && address) found = { lat: null, long: null, address, district: district.code };
  }
  Object.keys(inner.problems).forEach((field) => flag(`location.${field}`, inner.problems[field]));
  return Object.keys(inner.problems).length ? null : found;
}

/** Controls and format characters (bidi overrides, zero-width spaces), but not tabs, newlines or the joiners ZWNJ and ZWJ (emoji, Persian). */
const INVISIBLE = /(?![\t\n\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** The description: DESCRIPTION_REQUIRED when nothing visible is left, DESCRIPTION_TOO_LONG over 4,000 characters. */
export function readDescription(raw: unknown, flag: Flag): string {
  if (raw === undefined || raw === null) {
    flag('description', 'DESCRIPTION_REQUIRED');
    return '';
  }
  if (typeof raw !== 'string') {
    flag('description', 'WRONG_TYPE');
    return '';
  }
  const text = raw.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
  if (!text) flag('description', 'DESCRIPTION_REQUIRED');
  else if (Array.from(text).length > DESCRIPTION_MAX_CHARS) flag('description', 'DESCRIPTION_TOO_LONG');
  return text;
}

/** Fewer bytes than this cannot hold a picture (a JPEG's or PNG's headers alone take more). */
const MIN_PHOTO_BYTES = 100;

/**
 * JPEG (starts FF D8 FF, ends with the end-of-image marker FF D9) or PNG (its 8-byte signature, ends
 * with the IEND chunk), of at least MIN_PHOTO_BYTES; null for anything else, such as a bare signature.
 */
export function photoTypeOf(bytes: Uint8Array): 'jpeg' | 'png' | null {
  if (bytes.length < MIN_PHOTO_BYTES) return null;
  const end = bytes.length;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9 ? 'jpeg' : null;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const iend = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
  return png.every((b, i) => bytes[i] === b) && iend.every((b, i) => bytes[end - 8 + i] === b) ? 'png' : null;
}

/**
 * A 64-bit fingerprint of the bytes (two FNV-1a lanes), fast over 10 MB; the agency keeps only a keyed
 * digest of it (the router's keyed hash over the whole file would be far slower in the mini program).
 */
export function fingerprintOf(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < bytes.length; i += 1) {
    a = Math.imul(a ^ bytes[i], 0x01000193) >>> 0;
    b = Math.imul(b ^ bytes[i], 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}
