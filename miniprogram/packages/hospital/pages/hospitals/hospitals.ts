// Hospitals: the list (level, district, address, departments) and a search by what people type, a
// department's or doctor's name or a symptom (发烧 leads to the fever clinic); ways to my bookings and
// patients. Opened with ?q, it searches that at once.
import { SEARCH_MAX_CHARS, type HospitalSummary, type SearchResponse } from '../../../../contracts/health';
import { ServiceError } from '../../../../core/errors';
import { TAB_PAGES, buildUrl } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { hospitalText, hospitalWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOKINGS_PAGE, DEPARTMENT_PAGE, DOCTOR_PAGE, HOSPITAL_PAGE, PATIENTS_PAGE } from '../../paths';
import { listHospitals, local, searchHealth } from '../../service';

const ROUTE = 'packages/hospital/pages/hospitals/hospitals';
const KEYS = ['hospitalsList', 'myBookings', 'myPatients', 'searchLabel', 'searchPlaceholder', 'searchButton', 'searchClear', 'searchDepartments', 'searchDoctors', 'searchSuggest'] as const;
const SYMPTOMS = ['symptom.1', 'symptom.2', 'symptom.3', 'symptom.4', 'symptom.5'] as const;

interface HospitalRow { id: string; name: string; level: string; where: string; departments: string }
interface DepartmentHit { id: string; name: string; where: string; symptom: string; age: string }
interface DoctorHit { id: string; name: string; title: string; where: string }

function hospitalRow(hospital: HospitalSummary): HospitalRow {
  return {
    id: hospital.id,
    name: local(hospital.name),
    level: hospitalText.t(`level.${hospital.level}`),
    where: `${local(hospital.district)} · ${local(hospital.address)}`,
    departments: hospitalText.t('hospitalDepartmentCount', { count: hospital.departmentCount }),
  };
}

/** What a search shows, in one setData: hits, or the "nothing found" line with symptoms to try. */
function searchView(q: string, answer: SearchResponse | null, error: string): Record<string, unknown> {
  const departments: DepartmentHit[] = (answer?.departments ?? []).map((d) => ({
    id: d.id,
    name: local(d.name),
    where: `${local(d.hospital)} · ${local(d.location)}`,
    symptom: d.viaSymptom ? hospitalText.t('searchViaSymptom', { q }) : '',
    age: d.maxAge === null ? '' : hospitalText.t('departmentUnderAge', { age: d.maxAge }),
  }));
  const doctors: DoctorHit[] = (answer?.doctors ?? []).map((d) => ({
    id: d.id,
    name: local(d.name),
    title: hospitalText.t(`title.${d.title}`),
    where: `${local(d.hospital)} · ${local(d.department)}`,
  }));
  const none = answer !== null && departments.length === 0 && doctors.length === 0;
  return {
    query: q,
    searched: q,
    departments,
    doctors,
    searchEmpty: none ? hospitalText.t('searchEmpty', { q }) : '',
    suggestions: none ? SYMPTOMS.map((key) => hospitalText.t(key)) : [],
    searchError: error,
  };
}

const CLEARED = { query: '', searched: '', departments: [], doctors: [], searchEmpty: '', suggestions: [], searchError: '' };

/** What was typed (kept off data: the input holds it), per page. */
const typed = new WeakMap<object, string>();
/** Pages with a search on its way. */
const busy = new WeakSet<object>();

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    hospitals: [] as HospitalRow[],
    query: '',
    searched: '',
    departments: [] as DepartmentHit[],
    doctors: [] as DoctorHit[],
    searchEmpty: '',
    suggestions: [] as string[],
    searchError: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      typed.set(this, (query.q ?? '').trim().slice(0, SEARCH_MAX_CHARS));
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('hospitalsTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    async load() {
      const q = typed.get(this) ?? '';
      try {
        const [list, found] = await Promise.all([listHospitals(), q ? searchHealth(q) : Promise.resolve(null)]);
        const hospitals = list.items.map(hospitalRow);
        this.setData({
          t: hospitalText.pick(KEYS),
          retryText: text.t('retry'),
          status: hospitals.length ? 'ready' : 'empty',
          message: hospitals.length ? '' : hospitalText.t('hospitalsEmpty'),
          hospitals,
          ...(q ? searchView(q, found, '') : CLEARED),
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'browseHome'), { t: hospitalText.pick(KEYS) });
      }
    },
    onSearchInput(e: WechatMiniprogram.Input) {
      typed.set(this, e.detail.value);
    },
    /** The search button, the keyboard's search key, and the retry after a failed search. */
    async search() {
      const q = (typed.get(this) ?? '').trim().slice(0, SEARCH_MAX_CHARS);
      if (!q) {
        this.clearSearch();
        return;
      }
      if (busy.has(this)) return;
      busy.add(this);
      try {
        this.setData(searchView(q, await searchHealth(q), ''));
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) await loadFailed(this, err, (e) => loadErrorView(e, 'browseHome'));
        else this.setData(searchView(q, null, errorMessage(err, hospitalWords)));
      } finally {
        busy.delete(this);
      }
    },
    async searchFor(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { q: string }>) {
      typed.set(this, e.currentTarget.dataset.q);
      await this.search();
    },
    clearSearch() {
      typed.set(this, '');
      this.setData(CLEARED);
    },
    openHospital(e: Tap) {
      void navigateTo(buildUrl(HOSPITAL_PAGE, { id: e.currentTarget.dataset.id }));
    },
    openDepartment(e: Tap) {
      void navigateTo(buildUrl(DEPARTMENT_PAGE, { id: e.currentTarget.dataset.id }));
    },
    openDoctor(e: Tap) {
      void navigateTo(buildUrl(DOCTOR_PAGE, { id: e.currentTarget.dataset.id }));
    },
    openBookings() {
      void navigateTo(BOOKINGS_PAGE);
    },
    openPatients() {
      void navigateTo(PATIENTS_PAGE);
    },
  },
});
