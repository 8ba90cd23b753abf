// My passport applications: each with its status, reference, office and date and when it is ready (a row
// opens it), then the two ways to apply (a first passport, or renewing one held). Nothing yet: says so.
import type { PassportApplication } from '../../../../contracts/passport';
import { buildUrl, TAB_PAGES, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { dateLong } from '../../days';
import { passportText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { APPLICATION_PAGE, APPLY_PAGE } from '../../paths';
import { listApplications } from '../../service';
import { appointmentLine, kindText, statusText, statusTone } from '../../status';

const ROUTE = 'packages/passport/pages/applications/applications';
const KEYS = ['applicationsMine', 'applicationsEmpty', 'applicationsApplyHeading', 'applicationsFirst', 'applicationsFirstHint', 'applicationsRenewal', 'applicationsRenewalHint', 'reference'] as const;

interface Row { id: string; kind: string; reference: string; status: string; tone: string; appointment: string; ready: string }
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; kind: string }>;

const rowOf = (a: PassportApplication): Row => ({
  id: a.id,
  kind: kindText(a),
  reference: a.reference,
  status: statusText(a),
  tone: statusTone(a),
  appointment: appointmentLine(a),
  ready: a.status === 'cancelled' || a.status === 'missed' ? '' : passportText.t('readyBy', { date: dateLong(a.readyBy) }),
});

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    rows: [] as Row[],
  },
  methods: {
    async onLoad(query: Query) {
      await openPage(this, {
        route: ROUTE,
        query: { ...query },
        title: passportText.t('applicationsTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    async load() {
      try {
        const list = await listApplications();
        this.setData({ t: passportText.pick(KEYS), retryText: text.t('retry'), status: 'ready', rows: list.items.map(rowOf) });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'passportHome'));
      }
    },
    open(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) void navigateTo(buildUrl(APPLICATION_PAGE, { id }));
    },
    apply(e: Tap) {
      void navigateTo(buildUrl(APPLY_PAGE, { kind: e.currentTarget.dataset.kind === 'renewal' ? 'renewal' : 'first' }));
    },
  },
});
