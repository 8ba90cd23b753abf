// A doctor: the profile (name, title, fee, specialty), the 14-day strip, and the chosen day's times,
// morning and afternoon, with places left; a full time is shown but cannot be tapped. All 14 days come
// in one answer and stay off data (in `states`), so changing the day is one setData with only that
// day's times. A free time opens booking.
import type { DoctorDay, DoctorResponse, Session, SlotView } from '../../../../contracts/health';
import { ServiceError } from '../../../../core/errors';
import { buildUrl } from '../../../../core/gate';
import { formatMoney } from '../../../../core/money';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, redirectTo, setNavigationTitle } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { chosenDay, dayCells, dayLong, type DayCell } from '../../days';
import { hospitalText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOK_PAGE, HOSPITALS_PAGE } from '../../paths';
import { getDoctor, local } from '../../service';

const ROUTE = 'packages/hospital/pages/doctor/doctor';
const KEYS = ['stripTitle', 'session.am', 'session.pm'] as const;

interface HeadView { name: string; title: string; fee: string; where: string; specialty: string; profile: string }
interface SlotRow { id: string; time: string; state: string; full: boolean }

function slotRow(slot: SlotView): SlotRow {
  const full = slot.remaining === 0;
  const state = full ? hospitalText.t('day.full') : hospitalText.t('remaining', { count: slot.remaining });
  return {
    id: slot.id,
    time: `${slot.start}–${slot.end}`,
    state,
    full,
  };
}

/** The chosen day's part of the page, and nothing else: one setData when the day changes. */
function dayView(day: DoctorDay | undefined): Record<string, unknown> {
  const slots = day?.slots ?? [];
  const of = (session: Session): SlotRow[] => slots.filter((slot) => slot.session === session).map(slotRow);
  const note = slots.length === 0 ? hospitalText.t('slotsNoClinic') : slots.every((slot) => slot.remaining === 0) ? hospitalText.t('slotsAllFull') : '';
  return { date: day?.date ?? '', dayTitle: hospitalText.t('slotsOn', { date: dayLong(day?.date ?? '') }), am: of('am'), pm: of('pm'), slotsNote: note };
}

interface PageState { id: string; date: string; answer: DoctorResponse | null }
const states = new WeakMap<object, PageState>();
const missing = (e: unknown): ReturnType<typeof loadErrorView> => loadErrorView(e, 'browseAllHospitals', 'doctorMissing');

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    head: null as HeadView | null,
    days: [] as DayCell[],
    date: '',
    dayTitle: '',
    am: [] as SlotRow[],
    pm: [] as SlotRow[],
    slotsNote: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      states.set(this, { id: query.id ?? '', date: query.date ?? '', answer: null });
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('doctorTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void redirectTo(HOSPITALS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        if (!state.id) throw new ServiceError('NOT_FOUND', 'No doctor given', 404);
        const answer = await getDoctor(state.id);
        state.answer = answer;
        state.date = chosenDay(answer.days, state.date);
        const { doctor } = answer;
        setNavigationTitle(local(doctor.name));
        this.setData({
          t: hospitalText.pick(KEYS),
          retryText: text.t('retry'),
          status: 'ready',
          head: {
            name: local(doctor.name),
            title: hospitalText.t(`title.${doctor.title}`),
            fee: hospitalText.t('fee', { amount: formatMoney(doctor.feeFen) }),
            where: `${local(answer.hospital.name)} · ${local(answer.department.name)}`,
            specialty: hospitalText.t('doctorSpecialty', { specialty: local(doctor.specialty) }),
            profile: local(doctor.profile),
          },
          days: dayCells(answer.days),
          ...dayView(answer.days.find((day) => day.date === state.date)),
        });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, missing);
      }
    },
    pickDay(e: WechatMiniprogram.CustomEvent<{ date: string }>) {
      const state = states.get(this);
      const day = state?.answer?.days.find((d) => d.date === e.detail.date);
      if (!state || !day || day.date === state.date) return;
      state.date = day.date;
      this.setData(dayView(day));
    },
    openSlot(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const answer = states.get(this)?.answer;
      const slot = answer?.days.flatMap((day) => day.slots).find((s) => s.id === e.currentTarget.dataset.id);
      if (!answer || !slot || slot.remaining === 0) return;
      void navigateTo(buildUrl(BOOK_PAGE, { slot: slot.id, department: answer.department.id, doctor: answer.doctor.id }));
    },
  },
});
