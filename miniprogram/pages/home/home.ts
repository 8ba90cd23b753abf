// Home: the service catalogue, grouped, searchable in the current language, with recently used.
import { identityUrlFor } from '../../core/gate';
import { getLocale, type Locale } from '../../core/i18n';
import { openPage, servicePage } from '../../core/page';
import { loadSession } from '../../core/session';
import { navigateTo, setTabText, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { GROUPS, findService, recentServices, rememberService, searchCatalogue, type CatalogueEntry } from '../../services/catalogue';

const ROUTE = 'pages/home/home';
const KEYS = ['homeSearchPlaceholder', 'homeRecent', 'comingSoon', 'homeVerifyBanner', 'homeVerifyAction', 'cancel'] as const;

interface TileView { id: string; name: string; icon: string; soon: boolean }
interface GroupView { id: string; title: string; tiles: TileView[] }

/** The language each home instance last rendered in (not view data, so not in `data`). */
const shownLocale = new WeakMap<object, Locale>();

const nameOf = (entry: CatalogueEntry): string => text.t(`svc.${entry.id}`);
/** The tile glyph: a Chinese character in zh-CN, the name's initial in English (no Chinese left on screen). */
const tileOf = (entry: CatalogueEntry): TileView => {
  const name = nameOf(entry);
  return { id: entry.id, name, icon: getLocale() === 'en' ? name.replace(/^\W+/, '').charAt(0).toUpperCase() : entry.icon, soon: !entry.enabled };
};

function groupsFor(query: string): GroupView[] {
  const hits = searchCatalogue(query, (entry) => `${nameOf(entry)} ${text.t(`kw.${entry.id}`)}`);
  return GROUPS.map((group) => ({
    id: group,
    title: text.t(`group.${group}`),
    tiles: hits.filter((entry) => entry.group === group).map(tileOf),
  })).filter((group) => group.tiles.length > 0);
}

function noMatchFor(query: string, groups: GroupView[]): string {
  return groups.length === 0 ? text.t('homeNoMatch', { query: query.trim() }) : '';
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    groups: [] as GroupView[],
    recent: [] as TileView[],
    query: '',
    noMatch: '',
    showVerify: false,
  },
  methods: {
    async onLoad(options: Record<string, string | undefined>) {
      // Anyone may see home. Coming back (from a service, or from Me, where the language or the text size
      // may have changed), the title is read again and only what changed is drawn again.
      await openPage(this, { route: ROUTE, query: options, level: null, title: () => text.t('homeTitle'), loadingText: text.t('loading'), load: () => this.render() });
    },
    /** One setData with everything that may have changed (language, identity, recent), or none. */
    async render() {
      const locale = getLocale();
      setTabText(0, text.t('tabHome'));
      setTabText(1, text.t('tabMe'));
      const session = await loadSession();
      const showVerify = session.level === 'anonymous';
      const recent = recentServices().map(tileOf);
      if (shownLocale.get(this) === locale && showVerify === this.data.showVerify && sameTiles(recent, this.data.recent)) return;
      shownLocale.set(this, locale);
      const groups = groupsFor(this.data.query);
      this.setData({ t: text.pick(KEYS), groups, recent, showVerify, noMatch: noMatchFor(this.data.query, groups) });
    },
    onSearchInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const query = e.detail.value;
      const groups = groupsFor(query);
      this.setData({ query, groups, noMatch: noMatchFor(query, groups) });
    },
    onSearchClear() {
      const groups = groupsFor('');
      this.setData({ query: '', groups, noMatch: '' });
    },
    openService(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const entry = findService(e.currentTarget.dataset.id);
      if (!entry) return;
      if (!entry.enabled || !entry.entry) {
        showToast(text.t('homeComingSoonToast', { name: nameOf(entry) }));
        return;
      }
      rememberService(entry.id);
      void navigateTo(entry.entry);
    },
    goVerify() {
      void navigateTo(identityUrlFor(ROUTE));
    },
  },
});

function sameTiles(a: TileView[], b: TileView[]): boolean {
  return a.length === b.length && a.every((tile, i) => tile.id === b[i].id);
}
