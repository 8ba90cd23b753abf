// My bookings: upcoming and past, each with its status, opening its detail. A no-show block has its
// own panel (what happened, until when, what to do meanwhile); no bookings yet leads to the hospitals.
import type { Booking } from '../../../../contracts/health';
import { buildUrl, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { blockPanel, type BlockView } from '../../block';
import { hospitalText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOKING_PAGE, HOSPITALS_PAGE } from '../../paths';
import { listBookings, local } from '../../service';
import { bookingWhen } from '../booking/view';

const ROUTE = 'packages/hospital/pages/bookings/bookings';
const KEYS = ['bookingsUpcoming', 'bookingsPast', 'bookingsNoUpcoming', 'bookingsEmpty', 'bookingsBook'] as const;

interface Row { id: string; when: string; where: string; who: string; status: string; statusText: string }

const rowOf = (booking: Booking): Row => ({
  id: booking.id,
  when: bookingWhen(booking),
  where: `${local(booking.hospital.name)} · ${local(booking.department.name)} · ${local(booking.doctor.name)}`,
  who: hospitalText.t('bookingsFor', { name: booking.patient.name }),
  status: booking.status,
  statusText: hospitalText.t(`status.${booking.status}`),
});

/** Soonest visit first for what is coming, latest first for what is past. */
const byVisit = (bookings: readonly Booking[], order: 1 | -1): Booking[] =>
  [...bookings].sort((a, b) => order * `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    upcoming: [] as Row[],
    past: [] as Row[],
    block: null as BlockView | null,
    none: false,
  },
  methods: {
    async onLoad(query: Query) {
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('bookingsTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void redirectTo(HOSPITALS_PAGE),
      });
    },
    async load() {
      try {
        const response = await listBookings();
        this.setData({
          t: hospitalText.pick(KEYS),
          retryText: text.t('retry'),
          status: 'ready',
          upcoming: byVisit(response.upcoming, 1).map(rowOf),
          past: byVisit(response.past, -1).map(rowOf),
          block: blockPanel(response.block),
          none: response.upcoming.length === 0 && response.past.length === 0,
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'bookForward'));
      }
    },
    open(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(BOOKING_PAGE, { id: e.currentTarget.dataset.id }));
    },
    book() {
      void navigateTo(HOSPITALS_PAGE);
    },
  },
});
