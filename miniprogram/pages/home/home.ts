// Home: the service catalogue, grouped, searchable in the current language, with recently used. A
// visible 长辈版 / Large text switch at the top; in large text the few most used built services come
// first as large tiles (MIIT 2021's elder mode).
import { isLargeText, setLargeText } from '../../core/display';
import { identityUrlFor } from '../../core/gate';
import { getLocale, type Locale } from '../../core/i18n';
import { openPage, servicePage } from '../../core/page';
import { currentSession, loadSession, meetsLevel } from '../../core/session';
import { confirm, navigateTo, setTabText, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { CATALOGUE, GROUPS, builtServices, findService, iconOf, recentServices, rememberService, searchCatalogue, type CatalogueEntry } from '../../services/catalogue';

const ROUTE = 'pages/home/home';
const KEYS = ['homeSearchPlaceholder', 'homeRecent', 'comingSoon', 'homeVerifyBanner', 'homeVerifyAction', 'cancel', 'homeElderOn', 'homeElderOff', 'homeElderHint', 'homeCommon'] as const;
/** How many services elder mode puts first as large tiles. */
const COMMON_COUNT = 4;

interface TileView { id: string; name: string; icon: string; group: string; soon: boolean }
interface GroupView { id: string; title: string; tiles: TileView[] }

/** The language each home instance last rendered in (not view data, so not in `data`). */
const shownLocale = new WeakMap<object, Locale>();

const nameOf = (entry: CatalogueEntry): string => text.t(`svc.${entry.id}`);
/** The tile glyph: a Chinese character in zh-CN, the name's initial in English (no Chinese left on screen). */
const tileOf = (entry: CatalogueEntry): TileView => {
  const name = nameOf(entry);
  return { id: entry.id, name, icon: iconOf(entry), group: entry.group, soon: !entry.enabled };
};

function groupsFor(query: string): GroupView[] {
  const hits = searchCatalogue(query, (entry) => `${nameOf(entry)} ${text.t(`kw.${entry.id}`)}`);
  return GROUPS.map((group) => ({
    id: group,
    title: text.t(`group.${group}`),
    tiles: hits.filter((entry) => entry.group === group).map(tileOf),
  })).filter((group) => group.tiles.length > 0);
}

/** The built services a resident uses most: the recently used first, then the rest in catalogue order. */
function commonTiles(): TileView[] {
  const recent = recentServices();
  const built = CATALOGUE.filter((entry) => entry.enabled && !recent.includes(entry));
  return [...recent.filter((entry) => entry.enabled), ...built].slice(0, COMMON_COUNT).map(tileOf);
}

const suggestionsFor = (groups: GroupView[]): TileView[] => (groups.length === 0 ? builtServices().map(tileOf) : []);

function noMatchFor(query: string, groups: GroupView[]): string {
  return groups.length === 0 ? text.t('homeNoMatch', { query: query.trim() }) : '';
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    groups: [] as GroupView[],
    recent: [] as TileView[],
    /** Elder mode's large tiles; empty in normal text. */
    common: [] as TileView[],
    query: '',
    noMatch: '',
    /** Built services to try when nothing matches. */
    suggested: [] as TileView[],
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
      const common = isLargeText() ? commonTiles() : [];
      if (shownLocale.get(this) === locale && showVerify === this.data.showVerify && sameTiles(recent, this.data.recent) && sameTiles(common, this.data.common)) return;
      shownLocale.set(this, locale);
      const groups = groupsFor(this.data.query);
      this.setData({ t: text.pick(KEYS), groups, recent, common, showVerify, noMatch: noMatchFor(this.data.query, groups), suggested: suggestionsFor(groups) });
    },
    /** The 长辈版 / Large text switch: the same setting as Me > Settings, for every page. */
    toggleLarge() {
      const large = !isLargeText();
      setLargeText(large);
      this.setData({ large, common: large ? commonTiles() : [] });
    },
    onSearchInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const query = e.detail.value;
      const groups = groupsFor(query);
      this.setData({ query, groups, noMatch: noMatchFor(query, groups), suggested: suggestionsFor(groups) });
    },
    onSearchClear() {
      const groups = groupsFor('');
      this.setData({ query: '', groups, noMatch: '', suggested: [] });
    },
    openService(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const entry = findService(e.currentTarget.dataset.id);
      if (!entry) return;
      if (!entry.enabled || !entry.entry) {
        // Where it can be done today, when that is known; otherwise just that it is coming.
        const where = `soon.${entry.id}`;
        if (text.has(where)) void confirm({ title: text.t('homeComingSoonToast', { name: nameOf(entry) }), content: text.t(where), confirmText: text.t('homeComingSoonOk') });
        else showToast(text.t('homeComingSoonToast', { name: nameOf(entry) }));
        return;
      }
      // Recently used lists what was used: a tap the gate will send to identity first is not a use yet.
      if (meetsLevel(currentSession().level, entry.level)) rememberService(entry.id);
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
