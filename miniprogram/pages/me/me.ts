// Me: who I am (masked), my records, language, a tester's network-fault switch, sign out, and
// withdrawing consent with deletion of my data.
import { setLargeText } from '../../core/display';
import { getLocaleSetting, setLocaleSetting, type LocaleSetting } from '../../core/i18n';
import type { DeleteMyDataResponse } from '../../contracts/identity';
import { formatCstDate } from '../../core/dates';
import { identityUrlFor } from '../../core/gate';
import { errorMessage } from '../../core/messages';
import { openPage, reloadPage, servicePage } from '../../core/page';
import { loadSession } from '../../core/session';
import { standIns } from '../../core/stand-ins';
import { confirm, hideLoading, navigateTo, setTabText, showLoading, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { networkFaultSwitch, readyStandIns } from '../../services/api';
import { deleteMyData, signOut } from '../../services/identity';

const KEYS = [
  'meGuest', 'meGuestHint', 'meVerifyAction', 'meRecords', 'meSettings', 'meLanguage', 'meSignOut',
  'meLargeText', 'meLargeTextHint', 'meDeleteData', 'meDeleteHint', 'meDeletedTitle',
] as const;

/** The testers' switches and their words, or null where there are none (a real government, a release build). */
interface TesterView { fault: string; faultHint: string; clock: string; clockHint: string; clockDay: string; clockWeek: string; clockValue: string }

function testerView(): TesterView | null {
  const standIn = standIns();
  if (!standIn) return null;
  const words = standIn.words();
  return {
    fault: words.fault,
    faultHint: words.faultHint,
    clock: words.clock,
    clockHint: words.clockHint,
    clockDay: words.clockDay,
    clockWeek: words.clockWeek,
    clockValue: words.clockValue(formatCstDate(standIn.clock.now()), standIn.clock.daysAhead()),
  };
}

interface DeletedView { done: string; keptTitle: string; kept: string[] }

/** What was deleted and what the law keeps (one line each), in the resident's words. */
function deletedView(answer: DeleteMyDataResponse | null): DeletedView {
  // An earlier try went through but its answer was lost: the phone is cleared, the counts are not known.
  if (!answer) return { done: text.t('meDeletedUnknown'), keptTitle: '', kept: [] };
  const count = (kind: string): number => answer.deleted[kind] ?? 0;
  const kept = answer.kept.map((entry) => text.t(`kept.${entry.kind}`, { count: entry.count, until: entry.until === null ? '' : formatCstDate(entry.until) }));
  return {
    done: text.t('meDeletedBody', { vehicles: count('vehicles'), accounts: count('utilityAccounts'), familyMembers: count('familyMembers'), records: count('records'), orders: count('orders'), sessions: count('sessions') }),
    keptTitle: text.t(kept.length ? 'meDeletedKept' : 'meDeletedNothingKept'),
    kept,
  };
}

const LOCALE_SETTINGS: LocaleSetting[] = ['system', 'zh-CN', 'en'];

/** Pages whose deletion is being asked for or sent. */
const deleting = new WeakSet<object>();

const ROUTE = 'pages/me/me';
const RECORDS_PAGE = '/packages/records/pages/records/records';

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    verified: false,
    levelText: '',
    nameMasked: '',
    idMasked: '',
    mobileMasked: '',
    localeIndex: 0,
    localeOptions: [] as string[],
    showFault: false,
    faultOn: false,
    deleteError: '',
    deleted: null as DeletedView | null,
    tester: null as TesterView | null,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      // Anyone may see Me (a guest is offered to verify). Its language changes here, so its title is read
      // again then; coming back (from verifying, a record, the other tab) shows who is signed in now.
      await openPage(this, { route: ROUTE, query, level: null, title: () => text.t('meTitle'), loadingText: text.t('loading'), load: () => this.render() });
    },
    async render() {
      setTabText(0, text.t('tabHome'));
      setTabText(1, text.t('tabMe'));
      const session = await loadSession();
      const profile = session.token ? session.profile : null;
      const faults = await networkFaultSwitch();
      // The testers' switches exist only where the embedded government (and its stand-ins) runs.
      await readyStandIns();
      this.setData({
        t: text.pick(KEYS),
        verified: profile !== null,
        levelText: profile ? text.t(profile.level === 'face' ? 'meFaceVerified' : 'meVerified') : '',
        nameMasked: profile?.nameMasked ?? '',
        idMasked: profile?.idMasked ?? '',
        mobileMasked: profile?.mobileMasked ?? '',
        localeIndex: LOCALE_SETTINGS.indexOf(getLocaleSetting()),
        localeOptions: [text.t('meLanguageSystem'), text.t('meLanguageZh'), text.t('meLanguageEn')],
        showFault: faults !== null && standIns() !== null,
        faultOn: faults !== null && faults.fault !== 'none',
        tester: testerView(),
      });
    },
    goVerify() {
      void navigateTo(identityUrlFor(ROUTE));
    },
    openRecords() {
      void navigateTo(RECORDS_PAGE);
    },
    onLocaleChange(e: WechatMiniprogram.PickerChange) {
      const setting = LOCALE_SETTINGS[Number(e.detail.value)] ?? 'system';
      setLocaleSetting(setting);
      void reloadPage(this);
    },
    onLargeTextChange(e: WechatMiniprogram.SwitchChange) {
      setLargeText(e.detail.value);
      this.setData({ large: e.detail.value });
    },
    moveClock(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { days: string }>) {
      const clock = standIns()?.clock;
      if (!clock) return;
      clock.moveForward(Number(e.currentTarget.dataset.days));
      showToast(standIns()?.words().clockMoved(formatCstDate(clock.now())) ?? '');
      this.setData({ 'tester.clockValue': testerView()?.clockValue ?? '' });
    },
    onFaultChange(e: WechatMiniprogram.SwitchChange) {
      this.setData({ faultOn: e.detail.value });
      void networkFaultSwitch().then((faults) => faults?.setFault(e.detail.value ? 'unavailable' : 'none'));
    },
    async signOut() {
      const sure = await confirm({
        title: text.t('meSignOutTitle'),
        content: text.t('meSignOutBody'),
        confirmText: text.t('meSignOut'),
        cancelText: text.t('cancel'),
        danger: true,
      });
      if (!sure) return;
      await signOut();
      showToast(text.t('meSignedOut'), 'success');
      await this.render();
    },
    async deleteData() {
      // A second tap while the first is asking or deleting does nothing.
      if (deleting.has(this)) return;
      deleting.add(this);
      try {
        await this.confirmAndDelete();
      } finally {
        deleting.delete(this);
      }
    },
    async confirmAndDelete() {
      const sure = await confirm({
        title: text.t('meDeleteTitle'),
        content: text.t('meDeleteBody'),
        confirmText: text.t('meDeleteConfirm'),
        cancelText: text.t('cancel'),
        danger: true,
      });
      if (!sure) return;
      showLoading(text.t('meDeleting'));
      let answer: DeleteMyDataResponse | null;
      try {
        answer = await deleteMyData();
      } catch (err) {
        hideLoading();
        this.setData({ deleteError: errorMessage(err, text) });
        return;
      }
      hideLoading();
      this.setData({ deleteError: '', deleted: deletedView(answer) });
      await this.render();
    },
  },
});
