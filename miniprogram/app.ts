// App entry. No wx reads at module load: everything starts in onLaunch.
import { getLocale } from './core/i18n';

App<IAppOption>({
  globalData: { launchedAt: 0 },
  onLaunch() {
    this.globalData.launchedAt = Date.now();
    getLocale();
  },
});
