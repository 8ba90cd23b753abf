// My vehicles: each bound vehicle with what is unpaid, the way in to its notices, bind and unbind.
import type { VehicleSummary } from '../../../../contracts/fines';
import { TAB_PAGES, buildUrl } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { confirm, navigateTo, showToast, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { listVehicles, unbindVehicle } from '../../../../services/fines';
import { settleInBackground } from '../../../../services/payments';
import { finesText, finesWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BIND_PAGE, NOTICES_PAGE } from '../../paths';

const ROUTE = 'packages/fines/pages/vehicles/vehicles';
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

/** Pages busy unbinding. */
const busy = new WeakSet<object>();
/** Pages that have shown their list once (the one-car shortcut happens on the first load only). */
const opened = new WeakSet<object>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    intro: '',
    vehicles: [] as VehicleView[],
    canBind: false,
    limitText: '',
    clean: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      // A payment WeChat Pay took is checked first, so what is due is true; a slow check loads again later.
      await openPage(this, {
        route: ROUTE,
        query,
        title: finesText.t('vehiclesTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        settle: (later) => settleInBackground(later),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    async load() {
      try {
        const answer = await listVehicles();
        const vehicles = answer.vehicles.map(viewOf);
        this.setData({
          t: finesText.pick(KEYS),
          retryText: text.t('retry'),
          status: vehicles.length ? 'ready' : 'empty',
          message: vehicles.length ? '' : finesText.t('vehiclesEmpty'),
          intro: finesText.t('vehiclesIntro', { max: answer.max }),
          vehicles,
          canBind: vehicles.length < answer.max,
          limitText: vehicles.length < answer.max ? '' : finesText.t('vehiclesLimit', { max: answer.max }),
          clean: finesText.t('vehicleClean'),
        });
        // One car: its notices at once, the first time only (back shows this list, to bind another).
        if (vehicles.length === 1 && !opened.has(this)) void navigateTo(buildUrl(NOTICES_PAGE, { vehicle: vehicles[0].id }));
        opened.add(this);
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'forwardHome'), { t: finesText.pick(KEYS) });
      }
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
