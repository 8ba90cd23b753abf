// Report a problem (?group=city|police, all by default): the government's service list in its groups, the
// 12345 city hotline's departments or the police, searchable by name and the words people use; a row opens
// the form for that category, and the police's minor accident opens its own pages. My reports are one tap away.
import { ACCIDENT_SERVICE, type ServiceSummary } from '../../../../contracts/reports';
import { buildUrl, TAB_PAGES, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { queryWords } from '../../../../services/catalogue';
import { reportsText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { ACCIDENT_PAGE, COMPOSE_PAGE, REPORTS_PAGE } from '../../paths';
import { listServices, local } from '../../service';

const ROUTE = 'packages/reports/pages/services/services';
const KEYS = ['rpSearch', 'rpSearchLabel', 'rpMine', 'rpMineHint', 'rpSide.all', 'rpSide.city', 'rpSide.police'] as const;
const SIDES = ['all', 'city', 'police'] as const;
type Side = (typeof SIDES)[number];

interface Row { code: string; name: string; description: string; department: string }
interface Section { title: string; rows: Row[] }
interface Tab { id: Side; text: string; selected: boolean }
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { code: string; side: string }>;

interface State { items: ServiceSummary[]; side: Side; search: string }
const states = new WeakMap<object, State>();

const isSide = (value: unknown): value is Side => SIDES.some((side) => side === value);
/** The police answer on their own hotlines (110, 122); every other department through 12345. */
const sideOf = (service: ServiceSummary): Side => (service.department.phone === '110' || service.department.phone === '122' ? 'police' : 'city');

function matches(service: ServiceSummary, words: string[]): boolean {
  const terms = [service.service_name.zh, service.service_name.en, service.description.zh, service.description.en, service.group.zh, service.group.en, ...service.keywords].join(' ').toLowerCase();
  return words.every((word) => terms.includes(word));
}

/** The services of the side that match the search, in the government's groups and order. */
function sectionsOf(state: State): Section[] {
  const words = queryWords(state.search);
  const sections: Section[] = [];
  state.items.filter((s) => (state.side === 'all' || sideOf(s) === state.side) && matches(s, words)).forEach((s) => {
    const title = local(s.group);
    let section = sections.find((x) => x.title === title);
    if (!section) sections.push((section = { title, rows: [] }));
    section.rows.push({ code: s.service_code, name: local(s.service_name), description: local(s.description), department: local(s.department.name) });
  });
  return sections;
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    tabs: [] as Tab[],
    search: '',
    sections: [] as Section[],
    noMatch: '',
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { items: [], side: isSide(query.group) ? query.group : 'all', search: '' });
      await openPage(this, {
        route: ROUTE,
        query: { ...query },
        title: reportsText.t('rpServicesTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        state.items = (await listServices()).items;
        this.render(state, { t: reportsText.pick(KEYS), retryText: text.t('retry'), status: 'ready' });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'rpHome'));
      }
    },
    render(state: State, extra: Record<string, unknown> = {}) {
      const sections = sectionsOf(state);
      this.setData({
        tabs: SIDES.map((id) => ({ id, text: reportsText.t(`rpSide.${id}`), selected: id === state.side })),
        search: state.search,
        sections,
        noMatch: sections.length ? '' : reportsText.t('rpNoMatch', { query: state.search.trim() }),
        ...extra,
      });
    },
    pickSide(e: Tap) {
      const state = states.get(this);
      const side = e.currentTarget.dataset.side;
      if (state && isSide(side)) {
        state.side = side;
        this.render(state);
      }
    },
    onSearch(e: WechatMiniprogram.Input) {
      const state = states.get(this);
      if (!state) return;
      state.search = e.detail.value.slice(0, 40);
      this.render(state);
    },
    open(e: Tap) {
      const code = e.currentTarget.dataset.code;
      if (!code) return;
      void navigateTo(code === ACCIDENT_SERVICE ? ACCIDENT_PAGE : buildUrl(COMPOSE_PAGE, { service: code }));
    },
    openMine() {
      void navigateTo(REPORTS_PAGE);
    },
  },
});
