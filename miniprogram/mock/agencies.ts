// The agencies of the mocked government, each loaded from its domain's subpackage on first use
// (分包异步化: require.async, which the preview and the tests turn into a dynamic import). A new
// service adds its entry here (docs/adding-a-service.md).
import { POLICE_AGENCY } from '../contracts/fines';
import { UTILITIES_AGENCY } from '../contracts/bills';
import { CIVIL_AGENCY } from '../contracts/civil';
import { HEALTH_AGENCY } from '../contracts/health';
import { EXIT_ENTRY_AGENCY } from '../contracts/passport';
import { REPORTS_AGENCY } from '../contracts/reports';
import type { Agency, AgencyEntry, AgencyKit, AgencyModule } from './agency';

function isAgencyModule(loaded: unknown): loaded is AgencyModule {
  return typeof loaded === 'object' && loaded !== null && 'createAgency' in loaded && typeof loaded.createAgency === 'function';
}

/** The agency an `export function createAgency(kit)` module makes, or an error naming what was loaded instead. */
export async function agencyOf(loading: Promise<unknown>, kit: AgencyKit): Promise<Agency> {
  const loaded = await loading;
  if (!isAgencyModule(loaded)) throw new Error('The loaded module does not export createAgency(kit)');
  return loaded.createAgency(kit);
}

export const AGENCIES: readonly AgencyEntry[] = [
  {
    name: POLICE_AGENCY,
    paths: ['/fines/'],
    roles: ['payments', 'erasure'],
    // eslint-disable-next-line no-restricted-globals
    load: (kit) => agencyOf(require.async('../packages/fines/agency/police'), kit),
  },
  {
    name: HEALTH_AGENCY,
    paths: ['/health/'],
    roles: ['payments', 'erasure'],
    // eslint-disable-next-line no-restricted-globals
    load: (kit) => agencyOf(require.async('../packages/hospital/agency/health'), kit),
  },
  {
    name: UTILITIES_AGENCY,
    paths: ['/bills/'],
    roles: ['payments', 'erasure'],
    // eslint-disable-next-line no-restricted-globals
    load: (kit) => agencyOf(require.async('../packages/bills/agency/utilities'), kit),
  },
  {
    name: CIVIL_AGENCY,
    paths: ['/civil/'],
    roles: ['erasure'],
    // eslint-disable-next-line no-restricted-globals
    load: (kit) => agencyOf(require.async('../agencies/civil/civil'), kit),
  },
  {
    name: EXIT_ENTRY_AGENCY,
    paths: ['/exit-entry/'],
    roles: ['payments', 'erasure'],
    // eslint-disable-next-line no-restricted-globals
    load: (kit) => agencyOf(require.async('../agencies/exit-entry/exit-entry'), kit),
  },
  {
    name: REPORTS_AGENCY,
    // '/reports' itself is a route (my reports), so the prefix has no trailing slash.
    paths: ['/reports'],
    roles: ['erasure'],
    // eslint-disable-next-line no-restricted-globals
    load: (kit) => agencyOf(require.async('../agencies/reports/reports'), kit),
  },
];
