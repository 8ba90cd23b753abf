// My reports: the ones I filed and the ones I follow (newest first, a page at a time), each with its
// status, department, expected date and an overdue flag; a row opens it. None yet: says so, and offers
// to report a problem.
import type { ReportSummary } from '../../../../contracts/reports';
import { buildUrl, TAB_PAGES, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { reportsText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { REPORT_PAGE, SERVICES_PAGE } from '../../paths';
import { listMyReports, local } from '../../service';
import { expectedText, statusText, statusTone } from '../../status';

const ROUTE = 'packages/reports/pages/reports/reports';
const PAGE_SIZE = 20;
const KEYS = ['rpMineHeading', 'rpEmpty', 'rpReportProblem', 'rpReference', 'rpMore'] as const;

interface Row { id: string; name: string; reference: string; status: string; tone: string; role: string; department: string; expected: string; overdue: boolean; district: string }
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

const rowOf = (r: ReportSummary): Row => ({
  id: r.id,
  name: local(r.service_name),
  reference: r.reference,
  status: statusText(r.status),
  tone: r.overdue ? 'warn' : statusTone(r.status),
  role: r.role === 'reporter' ? '' : reportsText.t(`rpRole.${r.role}`),
  department: local(r.department.name),
  expected: r.open311Status === 'open' ? expectedText(r.expectedBy, r.overdue) : '',
  overdue: r.overdue,
  district: local(r.district.name),
});

const items = new WeakMap<object, ReportSummary[]>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    rows: [] as Row[],
    more: false,
  },
  methods: {
    async onLoad(query: Query) {
      await openPage(this, {
        route: ROUTE,
        query: { ...query },
        title: reportsText.t('rpReportsTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    onUnload() {
      items.delete(this);
    },
    async load() {
      try {
        const list = await listMyReports(0, PAGE_SIZE);
        items.set(this, list.items);
        this.setData({ t: reportsText.pick(KEYS), retryText: text.t('retry'), status: 'ready', rows: list.items.map(rowOf), more: list.items.length < list.total });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'rpHome'));
      }
    },
    async loadMore() {
      const shown = items.get(this) ?? [];
      try {
        const list = await listMyReports(shown.length, PAGE_SIZE);
        const all = [...shown, ...list.items];
        items.set(this, all);
        const patch: Record<string, unknown> = { more: all.length < list.total };
        list.items.forEach((r, i) => {
          patch[`rows[${shown.length + i}]`] = rowOf(r);
        });
        this.setData(patch);
      } catch {
        this.setData({ more: true });
      }
    },
    open(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) void navigateTo(buildUrl(REPORT_PAGE, { id }));
    },
    report() {
      void navigateTo(SERVICES_PAGE);
    },
  },
});
