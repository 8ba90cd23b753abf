// Me: who I am (masked), my records, language, a tester's network-fault switch, sign out.
import { isLargeText, setLargeText } from '../../core/display';
import { getLocaleSetting, setLocaleSetting, type LocaleSetting } from '../../core/i18n';
import { loadSession } from '../../core/session';
import { confirm, navigateTo, setNavigationTitle, setTabText, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { networkFaultSwitch } from '../../services/api';
import { signOut } from '../../services/identity';

const KEYS = [
  'meGuest', 'meGuestHint', 'meVerifyAction', 'meRecords', 'meSettings', 'meLanguage', 'meSignOut',
  'meNetworkFault', 'meNetworkFaultHint', 'meLargeText', 'meLargeTextHint',
] as const;

const LOCALE_SETTINGS: LocaleSetting[] = ['system', 'zh-CN', 'en'];

const RECORDS_PAGE = '/packages/records/pages/records/records';

Component({
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
    large: false,
  },
  methods: {
    onShow() {
      void this.render();
    },
    async render() {
      setNavigationTitle(text.t('meTitle'));
      setTabText(0, text.t('tabHome'));
      setTabText(1, text.t('tabMe'));
      const session = await loadSession();
      const profile = session.token ? session.profile : null;
      const faults = networkFaultSwitch();
      this.setData({
        t: text.pick(KEYS),
        verified: profile !== null,
        levelText: profile ? text.t(profile.level === 'face' ? 'meFaceVerified' : 'meVerified') : '',
        nameMasked: profile?.nameMasked ?? '',
        idMasked: profile?.idMasked ?? '',
        mobileMasked: profile?.mobileMasked ?? '',
        localeIndex: LOCALE_SETTINGS.indexOf(getLocaleSetting()),
        localeOptions: [text.t('meLanguageSystem'), text.t('meLanguageZh'), text.t('meLanguageEn')],
        showFault: faults !== null,
        faultOn: faults !== null && faults.fault !== 'none',
        large: isLargeText(),
      });
    },
    goVerify() {
      void navigateTo('/pages/identity/identity?redirect=%2Fpages%2Fme%2Fme');
    },
    openRecords() {
      void navigateTo(RECORDS_PAGE);
    },
    onLocaleChange(e: WechatMiniprogram.PickerChange) {
      const setting = LOCALE_SETTINGS[Number(e.detail.value)] ?? 'system';
      setLocaleSetting(setting);
      void this.render();
    },
    onLargeTextChange(e: WechatMiniprogram.SwitchChange) {
      setLargeText(e.detail.value);
      this.setData({ large: e.detail.value });
    },
    onFaultChange(e: WechatMiniprogram.SwitchChange) {
      networkFaultSwitch()?.setFault(e.detail.value ? 'unavailable' : 'none');
      this.setData({ faultOn: e.detail.value });
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
  },
});
