// A department: the 14-day strip over all its doctors and, for the chosen day, each doctor with title,
// fee, specialty and places left (those with places first). Tapping a day loads the department for that
// day; a doctor opens with the day, and a doctor's earliest free time books at once. Holds 60 doctors (h1-general-practice) within the budgets.
import type { DepartmentResponse } from '../../../../contracts/health';
import { ServiceError } from '../../../../core/errors';
import { buildUrl } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, redirectTo, setNavigationTitle } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { dayCells, dayLong, type DayCell } from '../../days';
import { hospitalText, hospitalWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOK_PAGE, DOCTOR_PAGE, HOSPITALS_PAGE } from '../../paths';
import { getDepartment, local } from '../../service';

const ROUTE = 'packages/hospital/pages/department/department';
const KEYS = ['stripTitle', 'doctorsOpen', 'doctorsClosed'] as const;

interface HeadView { name: string; hospital: string; location: string; age: string }
/** `first`: the button that books the doctor's earliest free time that day ('' when none). */
interface DoctorRow { id: string; name: string; title: string; fee: string; specialty: string; state: string; status: string; first: string }

function doctorRow(doctor: DepartmentResponse['doctors'][number]): DoctorRow {
  const open = doctor.remaining > 0;
  return {
    id: doctor.id,
    name: local(doctor.name),
    title: hospitalText.t(`title.${doctor.title}`),
    fee: hospitalText.t('fee', { amount: formatMoney(doctor.feeFen) }),
    specialty: hospitalText.t('doctorSpecialty', { specialty: local(doctor.specialty) }),
    state: open ? hospitalText.t('remaining', { count: doctor.remaining }) : hospitalText.t(doctor.day === 'none' ? 'doctorNoClinic' : 'day.full'),
    status: open ? doctor.day : doctor.day === 'none' ? 'none' : 'full',
    first: doctor.firstSlot ? hospitalText.t('doctorFirst', { time: `${doctor.firstSlot.start}–${doctor.firstSlot.end}` }) : '',
  };
}

/** The chosen day's part of the page: the strip, its heading and the doctors, for one setData. */
function dayView(answer: DepartmentResponse): Record<string, unknown> {
  const rows = answer.doctors.map(doctorRow);
  const anyClinic = answer.doctors.some((d) => d.day !== 'none');
  return {
    days: dayCells(answer.days),
    date: answer.date,
    dayTitle: hospitalText.t('doctorsOn', { date: dayLong(answer.date) }),
    open: rows.filter((_, i) => answer.doctors[i].remaining > 0),
    closed: anyClinic ? rows.filter((_, i) => answer.doctors[i].remaining === 0) : [],
    noneText: anyClinic ? '' : hospitalText.t('doctorsNone'),
    dayError: '',
  };
}

/** date: the day shown; failed: a day whose loading failed, for the retry; answer: what is shown. */
interface PageState { id: string; date: string; failed: string; loading: boolean; answer: DepartmentResponse | null }
const states = new WeakMap<object, PageState>();
const missing = (e: unknown): ReturnType<typeof loadErrorView> => loadErrorView(e, 'browseAllHospitals', 'departmentMissing');
/** A date the government refuses (passed, or not one of the 14 days): the department opens on its own first day instead. */
const badDate = (err: unknown): boolean => err instanceof ServiceError && err.fields.date !== undefined;

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    head: null as HeadView | null,
    days: [] as DayCell[],
    date: '',
    dayTitle: '',
    open: [] as DoctorRow[],
    closed: [] as DoctorRow[],
    noneText: '',
    dayError: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      states.set(this, { id: query.id ?? '', date: query.date ?? '', failed: '', loading: false, answer: null });
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('departmentTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void redirectTo(HOSPITALS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async fetch(state: PageState): Promise<DepartmentResponse> {
      if (!state.id) throw new ServiceError('NOT_FOUND', 'No department given', 404);
      try {
        return await getDepartment(state.id, state.date || undefined);
      } catch (err) {
        if (!state.date || !badDate(err)) throw err;
        state.date = '';
        return getDepartment(state.id);
      }
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        const answer = await this.fetch(state);
        state.date = answer.date;
        state.answer = answer;
        setNavigationTitle(local(answer.department.name));
        this.setData({
          t: hospitalText.pick(KEYS),
          retryText: text.t('retry'),
          status: 'ready',
          head: {
            name: local(answer.department.name),
            hospital: local(answer.hospital.name),
            location: local(answer.department.location),
            age: answer.department.maxAge === null ? '' : hospitalText.t('departmentUnderAge', { age: answer.department.maxAge }),
          },
          ...dayView(answer),
        });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, missing);
      }
    },
    pickDay(e: WechatMiniprogram.CustomEvent<{ date: string }>) {
      return this.showDay(e.detail.date);
    },
    retryDay() {
      const state = states.get(this);
      return state ? this.showDay(state.failed) : undefined;
    },
    /** A day of the strip: the department again for that day, in one setData; a failure keeps what is shown. */
    async showDay(date: string) {
      const state = states.get(this);
      if (!state || state.loading || !date || date === state.date) return;
      state.loading = true;
      const shown = state.date;
      state.date = date;
      try {
        const answer = await this.fetch(state);
        state.date = answer.date;
        state.answer = answer;
        state.failed = '';
        this.setData(dayView(answer));
      } catch (err) {
        state.date = shown;
        state.failed = date;
        if (err instanceof ServiceError && err.needsIdentity) await loadFailed(this, err, missing);
        else this.setData({ dayError: errorMessage(err, hospitalWords) });
      } finally {
        state.loading = false;
      }
    },
    /** The doctor's earliest free time of the day shown, straight to booking (the doctor page has the others). */
    bookFirst(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const answer = states.get(this)?.answer;
      const doctor = answer?.doctors.find((d) => d.id === e.currentTarget.dataset.id);
      if (!answer || !doctor?.firstSlot) return;
      void navigateTo(buildUrl(BOOK_PAGE, { slot: doctor.firstSlot.id, department: answer.department.id, doctor: doctor.id }));
    },
    openDoctor(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(DOCTOR_PAGE, { id: e.currentTarget.dataset.id, date: this.data.date }));
    },
  },
});
