// My marriage and divorce registrations: the three ways in at the top (book a marriage, book a divorce,
// I have a code), then each case with its status, the other person, the coming appointment or the
// cooling-off countdown, opening the case. No cases yet: one sentence, the ways in stay. What the service
// is sits at the foot.
import type { CaseSummary } from '../../../../contracts/civil';
import { buildUrl, TAB_PAGES, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { civilText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { CASE_PAGE, JOIN_PAGE, START_PAGE } from '../../paths';
import { listCases, local } from '../../service';
import { kindText, statusText, statusTone } from '../../view';

const ROUTE = 'packages/civil/pages/cases/cases';
const KEYS = ['casesStartMarriage', 'casesStartDivorce', 'casesJoin', 'casesMine', 'casesEmpty', 'casesAboutTitle', 'casesAbout'] as const;

interface Row { id: string; kind: string; statusText: string; tone: string; other: string; when: string; cooling: string; reference: string }

/** The cooling-off countdown, or until when the certificate can be booked; empty otherwise. */
function coolingLine(item: CaseSummary): string {
  const cooling = item.coolingOff;
  if (!cooling) return '';
  if (item.status === 'cooling-off') {
    return cooling.daysLeft > 0
      ? civilText.t('casesCooling', { days: cooling.daysLeft, date: cooling.certificateFrom })
      : civilText.t('casesCoolingLast', { date: cooling.certificateFrom });
  }
  return item.status === 'certificate-window' ? civilText.t('casesCertificate', { until: cooling.certificateUntil }) : '';
}

function rowOf(item: CaseSummary): Row {
  const { other, upcoming } = item;
  return {
    id: item.id,
    kind: kindText(item.kind),
    statusText: statusText(item.status),
    tone: statusTone(item.status),
    // The name as the government gives it: masked until the other person has joined.
    other: other ? civilText.t('casesOther', { name: other.name, role: civilText.t(other.role === 'first' ? 'casesRoleFirst' : 'casesRoleSecond') }) : '',
    when: upcoming ? civilText.t('casesWhen', { date: upcoming.date, start: upcoming.start, end: upcoming.end, office: local(upcoming.office) }) : '',
    cooling: coolingLine(item),
    reference: civilText.t('casesReference', { reference: item.reference }),
  };
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    rows: [] as Row[],
    none: false,
  },
  methods: {
    async onLoad(query: Query) {
      await openPage(this, {
        route: ROUTE,
        query,
        title: civilText.t('casesTitle'),
        loadingText: text.t('loading'),
        // The ways in show while the list loads, and stay when it fails.
        initial: { t: civilText.pick(KEYS) },
        load: () => this.load(),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    async load() {
      try {
        const { items } = await listCases();
        this.setData({ t: civilText.pick(KEYS), retryText: text.t('retry'), status: 'ready', rows: items.map(rowOf), none: items.length === 0 });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'civilHome'));
      }
    },
    open(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(CASE_PAGE, { id: e.currentTarget.dataset.id }));
    },
    startMarriage() {
      void navigateTo(buildUrl(START_PAGE, { kind: 'marriage' }));
    },
    startDivorce() {
      void navigateTo(buildUrl(START_PAGE, { kind: 'divorce' }));
    },
    join() {
      void navigateTo(JOIN_PAGE);
    },
  },
});
