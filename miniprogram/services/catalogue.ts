// The service catalogue: a typed registry the home page renders, grouped and searchable.
import type { IdentityLevel } from '../contracts/identity';
import { IDENTITY_PAGE } from '../core/gate';
import { readStorageSync, writeStorageSync } from '../core/storage';
import { RECORDS_PAGE } from './records';

export type ServiceGroup = 'traffic' | 'health' | 'bills' | 'civil' | 'city';

export const GROUPS: readonly ServiceGroup[] = ['traffic', 'health', 'bills', 'civil', 'city'];

/** Every service the catalogue lists; each has a name (`svc.<id>`) and search words (`kw.<id>`) in both languages, or the type check fails. */
export type ServiceId =
  | 'traffic-fines' | 'accident-report' | 'police-report' | 'vehicle-inspection' | 'hospital-booking'
  | 'electricity-bill' | 'water-bill' | 'gas-bill' | 'marriage-booking' | 'divorce-booking'
  | 'newborn-registration' | 'passport-booking' | 'city-report' | 'my-records' | 'real-name' | 'weather';

export interface CatalogueEntry {
  id: ServiceId;
  group: ServiceGroup;
  /** Entry page in its subpackage; null while the service is not built. */
  entry: string | null;
  level: IdentityLevel;
  enabled: boolean;
}

const row = (id: ServiceId, group: ServiceGroup, entry: string | null, level: IdentityLevel = 'verified'): CatalogueEntry => ({
  id,
  group,
  entry,
  level,
  enabled: entry !== null,
});

export const CATALOGUE: readonly CatalogueEntry[] = [
  row('traffic-fines', 'traffic', '/packages/fines/pages/vehicles/vehicles'),
  row('accident-report', 'traffic', '/packages/accident/pages/accident/accident'),
  row('police-report', 'traffic', '/packages/reports/pages/services/services?group=police'),
  row('vehicle-inspection', 'traffic', null),
  row('hospital-booking', 'health', '/packages/hospital/pages/hospitals/hospitals'),
  row('electricity-bill', 'bills', '/packages/bills/pages/accounts/accounts?utility=electricity'),
  row('water-bill', 'bills', '/packages/bills/pages/accounts/accounts?utility=water'),
  row('gas-bill', 'bills', '/packages/bills/pages/accounts/accounts?utility=gas'),
  row('marriage-booking', 'civil', '/packages/civil/pages/cases/cases'),
  row('divorce-booking', 'civil', '/packages/civil/pages/cases/cases'),
  row('newborn-registration', 'civil', '/packages/newborn/pages/register/register'),
  row('passport-booking', 'civil', '/packages/passport/pages/applications/applications'),
  row('city-report', 'city', '/packages/reports/pages/services/services?group=city'),
  row('my-records', 'city', RECORDS_PAGE),
  row('real-name', 'city', IDENTITY_PAGE, 'anonymous'),
  row('weather', 'city', null, 'anonymous'),
];

/**
 * The service's icon: one line drawing per service (images/services/<id>.svg, 24 x 24, white strokes
 * on the tile's group colour), so no two tiles look alike in either language.
 */
export const iconOf = (entry: CatalogueEntry): string => `/images/services/${entry.id}.svg`;

export function findService(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((entry) => entry.id === id);
}

/** The words of a query: split at spaces and punctuation, lower case, an English plural's s dropped. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s,.;:!?，。；：！？、/]+/)
    .filter(Boolean)
    .map((word) => (/^[a-z]{4,}s$/.test(word) ? word.slice(0, -1) : word));
}

/**
 * Entries whose name or other words people use for it (as `termsOf` gives them in the current
 * language, e.g. 罚单 for 交通违法缴款) contain every word of the query, in any order.
 */
export function searchCatalogue(query: string, termsOf: (entry: CatalogueEntry) => string): CatalogueEntry[] {
  const words = queryWords(query);
  if (words.length === 0) return [...CATALOGUE];
  return CATALOGUE.filter((entry) => {
    const terms = termsOf(entry).toLowerCase();
    return words.every((word) => terms.includes(word));
  });
}

/** What to suggest when nothing matches: the services that are built. */
export function builtServices(): CatalogueEntry[] {
  return CATALOGUE.filter((entry) => entry.enabled);
}

const RECENT_KEY = 'home.recent';
const RECENT_MAX = 4;

export function recentServices(): CatalogueEntry[] {
  const ids = readStorageSync<string[]>(RECENT_KEY) ?? [];
  return ids.map((id) => findService(id)).filter((entry): entry is CatalogueEntry => entry !== undefined && entry.enabled);
}

export function rememberService(id: string): void {
  const ids = (readStorageSync<string[]>(RECENT_KEY) ?? []).filter((other) => other !== id);
  writeStorageSync(RECENT_KEY, [id, ...ids].slice(0, RECENT_MAX));
}
