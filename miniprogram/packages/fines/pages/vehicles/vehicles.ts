// My vehicles: each bound vehicle with what is unpaid, the way in to its notices, bind and unbind.
import type { VehicleSummary } from '../../../../contracts/fines';
import { isLargeText } from '../../../../core/display';
import { ServiceError } from '../../../../core/errors';
import { TAB_PAGES, buildUrl, passGate, sendToIdentity } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { confirm, navigateTo, setNavigationTitle, showToast, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { listVehicles, unbindVehicle } from '../../../../services/fines';
import { settleInBackground } from '../../../../services/payments';
import { finesText, finesWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import type { LoadStatus } from '../../../../core/load-error';

const ROUTE = 'packages/fines/pages/vehicles/vehicles';
const BIND_PAGE = '/packages/fines/pages/bind/bind';
const NOTICES_PAGE = '/packages/fines/pages/notices/notices';
const KEYS = ['vehiclesBind', 'vehicleUnbind'] as const;

interface VehicleView { id: string; plate: string; type: string; unpaid: string; due: string; points: string; clean: boolean }

function viewOf(vehicle: VehicleSummary): VehicleView {
  return {
    id: vehicle.id,
    plate: vehicle.plate,
    type: finesText.t(`plateType.${vehicle.plateType}`),
    unpaid: finesText.t('vehicleUnpaid', { count: vehicle.unpaidCount }),
    due: finesText.t('vehicleDue', { amount: formatMoney(vehicle.dueFen) }),
    points: finesText.t('vehiclePoints', { points: vehicle.pointsPending }),
    clean: vehicle.unpaidCount === 0,
  };
}

/** Per page instance: left for another page (coming back reloads, after a bind or a payment), busy unbinding. */
const hidden = new WeakSet<object>();
const busy = new WeakSet<object>();

Component({
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    status: 'loading' as LoadStatus,
    message: '',
    retryText: '',
    forwardText: '',
    intro: '',
    vehicles: [] as VehicleView[],
    canBind: false,
    limitText: '',
    clean: '',
    large: false,
  },
  methods: {
    async onLoad() {
      setNavigationTitle(finesText.t('vehiclesTitle'));
      if (!(await passGate(ROUTE))) return;
      // A payment whose confirmation was lost is confirmed first, so what is due is true; a slow one loads again later.
      await settleInBackground(() => {
        if (!hidden.has(this)) void this.load();
      });
      await this.load();
    },
    onHide() {
      hidden.add(this);
    },
    async onShow() {
      if (!hidden.delete(this)) return;
      await settleInBackground(() => {
        if (!hidden.has(this)) void this.load();
      });
      await this.load();
    },
    async load() {
      try {
        const answer = await listVehicles();
        const vehicles = answer.vehicles.map(viewOf);
        this.setData({
          t: finesText.pick(KEYS),
          retryText: text.t('retry'),
          large: isLargeText(),
          status: vehicles.length ? 'ready' : 'empty',
          message: vehicles.length ? '' : finesText.t('vehiclesEmpty'),
          intro: finesText.t('vehiclesIntro', { max: answer.max }),
          vehicles,
          canBind: vehicles.length < answer.max,
          limitText: vehicles.length < answer.max ? '' : finesText.t('vehiclesLimit', { max: answer.max }),
          clean: finesText.t('vehicleClean'),
        });
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE);
          return;
        }
        this.setData({ ...loadErrorView(err, 'forwardHome'), t: finesText.pick(KEYS) });
      }
    },
    async retry() {
      this.setData({ status: 'loading', message: text.t('loading') });
      await this.load();
    },
    forward() {
      void switchTab(TAB_PAGES[0]);
    },
    openVehicle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(NOTICES_PAGE, { vehicle: e.currentTarget.dataset.id }));
    },
    bind() {
      if (this.data.canBind) void navigateTo(BIND_PAGE);
    },
    async unbind(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const vehicle = this.data.vehicles.find((v) => v.id === e.currentTarget.dataset.id);
      if (!vehicle || busy.has(this)) return;
      busy.add(this);
      try {
        const sure = await confirm({
          title: finesText.t('unbindTitle', { plate: vehicle.plate }),
          content: finesText.t('unbindBody'),
          confirmText: finesText.t('unbindConfirm'),
          cancelText: text.t('cancel'),
          danger: true,
        });
        if (!sure) return;
        await unbindVehicle(vehicle.id);
        showToast(finesText.t('unbound', { plate: vehicle.plate }), 'success');
        await this.load();
      } catch (err) {
        showToast(errorMessage(err, finesWords));
      } finally {
        busy.delete(this);
      }
    },
  },
});
