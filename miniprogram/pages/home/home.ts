// Home: the service catalogue, grouped, searchable in the current language, with recently used.
import { isLargeText } from '../../core/display';
import { getLocale, type Locale } from '../../core/i18n';
import { loadSession } from '../../core/session';
import { navigateTo, setNavigationTitle, setTabText, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { GROUPS, findService, recentServices, rememberService, searchCatalogue, type CatalogueEntry } from '../../services/catalogue';

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
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    groups: [] as GroupView[],
    recent: [] as TileView[],
    query: '',
    noMatch: '',
    showVerify: false,
    large: false,
  },
  methods: {
    onLoad() {
      this.renderAll(false);
    },
    onShow() {
      this.renderAll(true);
    },
    /** One setData with everything that may have changed (language, identity, recent). */
    renderAll(onlyIfChanged: boolean) {
      const locale = getLocale();
      setNavigationTitle(text.t('homeTitle'));
      setTabText(0, text.t('tabHome'));
      setTabText(1, text.t('tabMe'));
      void loadSession().then((session) => {
        const showVerify = session.level === 'anonymous';
        const recent = recentServices().map(tileOf);
        const large = isLargeText();
        if (onlyIfChanged && shownLocale.get(this) === locale && showVerify === this.data.showVerify && large === this.data.large && sameTiles(recent, this.data.recent)) return;
        shownLocale.set(this, locale);
        const groups = groupsFor(this.data.query);
        this.setData({ t: text.pick(KEYS), groups, recent, showVerify, large, noMatch: noMatchFor(this.data.query, groups) });
      });
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
      void navigateTo('/pages/identity/identity?redirect=%2Fpages%2Fhome%2Fhome');
    },
  },
});

function sameTiles(a: TileView[], b: TileView[]): boolean {
  return a.length === b.length && a.every((tile, i) => tile.id === b[i].id);
}
