// Book a slot: who it is for (myself or a family member), check your answers, confirm. The confirm tap
// asks for the day-before reminder at once (WeChat allows it only inside a tap), then books with one key
// per set of choices (a double tap or a retry gets the same booking), records the reminder answer, and
// opens the shared checkout for the fee. Every failure keeps the choices and offers to try again.
import type { DoctorResponse, Patient, ReminderRequest } from '../../../../contracts/health';
import { formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import { errorView, withError, type FieldErrors, type SummaryItem } from '../../../../core/form';
import { buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateBack, navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { settleInBackground } from '../../../../services/payments';
import { blockPanel, type BlockView } from '../../block';
import { hospitalText, hospitalWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOKING_PAGE, BOOKINGS_PAGE, DOCTOR_PAGE, HOSPITALS_PAGE, PATIENTS_PAGE } from '../../paths';
import { askForReminder } from '../../reminders';
import { getBooking, getDoctor, listPatients } from '../../service';
import { BOOK_FIELDS, choosePatient, fieldOf, patientRows, type BookField, type PatientRow } from './choices';
import { answersOf, bookAndPay, forget, nextSlotsOf, releaseHold, slotOf, type Answers, type NextSlot, type Progress } from './flow';

const ROUTE = 'packages/hospital/pages/book/book';
const KEYS = [
  'bookPatientHeading', 'bookPatientHint', 'bookAddPatient', 'bookCheckHeading', 'bookHospital', 'bookDepartment', 'bookDoctor', 'bookTime',
  'bookPatient', 'bookFee', 'bookChangeTime', 'bookNote', 'bookConfirming', 'bookTakenNext', 'bookTakenNone', 'bookSeeBookings', 'err.SLOT_FULL',
] as const;

interface PageState extends Progress {
  query: Query;
  slotId: string;
  departmentId: string;
  doctorId: string;
  doctor: DoctorResponse | null;
  patients: Patient[];
  patientId: string;
  /** Patients listed before leaving to add one: the one added is chosen on coming back. */
  known: Set<string>;
  /** The reminder answer, asked once per page (on the first confirm tap). */
  reminder: Promise<ReminderRequest> | null;
  busy: boolean;
}

const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number] | 'errorSummaryTitle', string>,
    answers: {} as Answers,
    patients: [] as PatientRow[],
    errors: {} as FieldErrors<BookField>,
    summary: [] as SummaryItem<BookField>[],
    taken: false,
    nextSlots: [] as NextSlot[],
    held: '',
    /** The refusal was "already booked that day": a way to that booking (to pay for or cancel it). */
    existing: false,
    block: null as BlockView | null,
    busy: false,
    confirmText: '',
  },
  methods: {
    async onLoad(query: Query) {
      const slotId = query.slot ?? '';
      // One query object: a slot chosen instead is the one the identity detour comes back to.
      const kept: Query = { ...query };
      states.set(this, {
        query: kept,
        slotId,
        departmentId: query.department ?? '',
        // A slot id starts with its doctor's id, so a link without `doctor` still finds them.
        doctorId: query.doctor || slotId.split('.')[0],
        doctor: null,
        patients: [],
        patientId: '',
        known: new Set(),
        attempt: null,
        made: null,
        reminder: null,
        reminded: '',
        busy: false,
      });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: hospitalText.t('bookTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(HOSPITALS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      if (!state.slotId || !state.doctorId) {
        this.setData({ ...loadErrorView(new ServiceError('NOT_FOUND', 'no slot'), 'bookForward', 'bookMissing') });
        return;
      }
      try {
        // Back from checkout: a paid booking opens its confirmation; one that lapsed is booked afresh.
        if (state.made) {
          const booking = await getBooking(state.made.booking.id);
          if (booking.status === 'booked') {
            await redirectTo(buildUrl(BOOKING_PAGE, { id: booking.id }));
            return;
          }
          if (booking.status === 'pending-payment') state.made = { ...state.made, booking };
          else forget(state);
        }
        const [doctor, patients] = await Promise.all([getDoctor(state.doctorId), listPatients()]);
        if (!states.has(this)) return;
        const department = doctor.department.id === state.departmentId || !state.departmentId ? doctor.department : null;
        if (!department || !slotOf(doctor, state.slotId)) {
          this.setData({ ...loadErrorView(new ServiceError('NOT_FOUND', 'no such slot'), 'bookForward', 'bookMissing') });
          return;
        }
        state.departmentId = department.id;
        state.doctor = doctor;
        state.patientId = choosePatient(patients.items, department, state.patientId, state.known);
        state.patients = patients.items;
        state.known = new Set(patients.items.map((patient) => patient.id));
        this.render(state);
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'bookForward', 'bookMissing'));
      }
    },
    answers(state: PageState, doctor: DoctorResponse): Answers {
      return answersOf(doctor, state.slotId, state.patients.find((p) => p.id === state.patientId));
    },
    heldText(state: PageState): string {
      const until = state.made?.booking.holdUntil;
      return until ? hospitalText.t('bookHeld', { time: formatCstDateTime(until) }) : '';
    },
    render(state: PageState) {
      const doctor = state.doctor;
      if (!doctor) return;
      const full = (slotOf(doctor, state.slotId)?.remaining ?? 0) === 0 && !state.made;
      this.setData({
        t: { ...hospitalText.pick(KEYS), ...text.pick(['errorSummaryTitle']) },
        retryText: text.t('retry'),
        status: 'ready',
        answers: this.answers(state, doctor),
        patients: patientRows(state.patients, doctor.department, state.patientId),
        ...errorView(BOOK_FIELDS, {}),
        taken: full,
        nextSlots: full ? nextSlotsOf(doctor, state.slotId) : [],
        held: this.heldText(state),
        // The person's own block has its panel; a blocked family member says so on their row.
        block: blockPanel(state.patients.find((patient) => patient.id === 'self')?.block),
        busy: false,
        confirmText: hospitalText.t('bookConfirm', { amount: formatMoney(doctor.doctor.feeFen) }),
      });
    },
    pickPatient(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      const patient = state?.patients.find((p) => p.id === id);
      if (!state || !state.doctor || state.busy || !patient || patient.block) return;
      state.patientId = id;
      this.setData({
        patients: patientRows(state.patients, state.doctor.department, id),
        'answers.patient': this.answers(state, state.doctor).patient,
        existing: false,
        ...errorView(BOOK_FIELDS, withError(this.data.errors, 'patient', '')),
      });
    },
    /** Another time of the same doctor, offered after the one chosen was just taken. */
    pickSlot(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      if (!state || !state.doctor || state.busy || !slotOf(state.doctor, id)) return;
      state.slotId = id;
      state.query.slot = id;
      this.setData({ 'answers.when': this.answers(state, state.doctor).when, taken: false, nextSlots: [], ...errorView(BOOK_FIELDS, {}) });
    },
    addPatient() {
      const state = states.get(this);
      if (state && !state.busy) void navigateTo(buildUrl(PATIENTS_PAGE, { pick: '1' }));
    },
    /**
     * Back to the doctor's times (the page this one was opened from; opened from a link, a new one). A
     * place held for the time chosen is given back first, so it does not stand in the way of another
     * time that day.
     */
    async changeTime() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const slot = state.doctor ? slotOf(state.doctor, state.slotId) : null;
      state.busy = true;
      try {
        await releaseHold(state);
      } finally {
        state.busy = false;
      }
      await navigateBack().catch(() => redirectTo(buildUrl(DOCTOR_PAGE, { id: state.doctorId, date: slot?.date })));
    },
    openBookings() {
      void navigateTo(BOOKINGS_PAGE);
    },
    confirm() {
      const state = states.get(this);
      if (!state || state.busy || !state.doctor || this.data.taken) return;
      if (!state.patientId) {
        this.setData(errorView(BOOK_FIELDS, { patient: hospitalText.t('bookChoosePatient') }));
        return;
      }
      state.busy = true;
      // WeChat asks only inside the tap: before anything is awaited, and once per page.
      const reminder = state.reminder ?? askForReminder();
      state.reminder = reminder;
      this.setData({ busy: true, ...errorView(BOOK_FIELDS, {}) });
      return this.book(state, reminder);
    },
    async book(state: PageState, reminder: Promise<ReminderRequest>) {
      try {
        const url = await bookAndPay(state, { slotId: state.slotId, departmentId: state.departmentId, patientId: state.patientId }, reminder);
        state.busy = false;
        // The page stays "booking…" until it shows again: then the booking is paid, or still held.
        await navigateTo(url);
      } catch (err) {
        state.busy = false;
        if (states.has(this)) await this.failed(state, err);
      }
    },
    async failed(state: PageState, err: unknown) {
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      const code = err instanceof ServiceError ? err.code : 'NETWORK';
      if (code === 'SLOT_FULL') {
        await this.showTaken(state);
        return;
      }
      if (code === 'NO_SHOW_BLOCKED') {
        // Blocked since the page opened: nobody is chosen any more; the person's own block has its panel,
        // a family member's the words beside the list as well as on their row.
        const blocked = state.patientId;
        if ((await this.refreshPatients(state)) && blocked === 'self') return;
      }
      // A held booking that can no longer be paid (lapsed meanwhile) is booked afresh on the next tap.
      if (state.made && err instanceof ServiceError && !err.transient && fieldOf(code) === null) forget(state);
      const message = errorMessage(err, hospitalWords);
      const field = fieldOf(code);
      const errors: FieldErrors<BookField> = field ? { [field]: message } : {};
      this.setData({ busy: false, held: this.heldText(state), existing: code === 'ALREADY_BOOKED', ...errorView(BOOK_FIELDS, errors, field ? undefined : { field: 'patient', text: message }) });
    },
    /** The patient list as the government has it now, chosen again and shown; false when it cannot be read. */
    async refreshPatients(state: PageState): Promise<boolean> {
      if (!state.doctor) return false;
      try {
        const patients = await listPatients();
        state.patients = patients.items;
        if (patients.items.find((patient) => patient.id === state.patientId)?.block) state.patientId = '';
        if (states.has(this)) this.render(state);
        return states.has(this);
      } catch {
        return false;
      }
    },
    /** Just taken: say so, and offer the doctor's next free times as they are now. */
    async showTaken(state: PageState) {
      try {
        state.doctor = await getDoctor(state.doctorId);
      } catch {
        // The times offered are those known; a tap on a taken one says so again.
      }
      if (!state.doctor || !states.has(this)) return;
      this.setData({ busy: false, taken: true, nextSlots: nextSlotsOf(state.doctor, state.slotId) });
    },
  },
});
