// A hospital: its header (name, level, address, phone) and its departments grouped as the hospital's
// signs group them (internal medicine, surgery, ...), each with where it is and how many doctors; a
// department for children says so. A tap opens the department.
import { DEPARTMENT_GROUPS, type DepartmentGroup, type HospitalDetail } from '../../../../contracts/health';
import { ServiceError } from '../../../../core/errors';
import { buildUrl } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, redirectTo, setNavigationTitle } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { hospitalText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { DEPARTMENT_PAGE, HOSPITALS_PAGE } from '../../paths';
import { getHospital, local } from '../../service';

const ROUTE = 'packages/hospital/pages/hospital/hospital';

interface HeadView { name: string; level: string; where: string; phone: string }
interface DepartmentRow { id: string; name: string; location: string; doctors: string; age: string }
interface GroupView { group: DepartmentGroup; title: string; departments: DepartmentRow[] }

function groupsOf(hospital: HospitalDetail): GroupView[] {
  return DEPARTMENT_GROUPS.map((group) => ({
    group,
    title: hospitalText.t(`group.${group}`),
    departments: hospital.departments.filter((d) => d.group === group).map((d) => ({
      id: d.id,
      name: local(d.name),
      location: local(d.location),
      doctors: hospitalText.t('departmentDoctorCount', { count: d.doctorCount }),
      age: d.maxAge === null ? '' : hospitalText.t('departmentUnderAge', { age: d.maxAge }),
    })),
  })).filter((group) => group.departments.length > 0);
}

const view = (e: unknown): ReturnType<typeof loadErrorView> => loadErrorView(e, 'browseAllHospitals', 'hospitalMissing');
const ids = new WeakMap<object, string>();

Component({
  behaviors: [servicePage],
  data: {
    head: null as HeadView | null,
    groups: [] as GroupView[],
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      ids.set(this, query.id ?? '');
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('hospitalTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void redirectTo(HOSPITALS_PAGE),
      });
    },
    async load() {
      const id = ids.get(this) ?? '';
      try {
        // Opened without a hospital (a broken link): the same as a hospital that is not there.
        if (!id) throw new ServiceError('NOT_FOUND', 'No hospital given', 404);
        const hospital = await getHospital(id);
        const groups = groupsOf(hospital);
        setNavigationTitle(local(hospital.name));
        this.setData({
          retryText: text.t('retry'),
          status: groups.length ? 'ready' : 'empty',
          message: groups.length ? '' : hospitalText.t('hospitalNoDepartments'),
          head: {
            name: local(hospital.name),
            level: hospitalText.t(`level.${hospital.level}`),
            where: `${local(hospital.district)} · ${local(hospital.address)}`,
            phone: hospitalText.t('hospitalPhone', { phone: hospital.phone }),
          },
          groups,
        });
      } catch (err) {
        await loadFailed(this, err, view);
      }
    },
    openDepartment(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(DEPARTMENT_PAGE, { id: e.currentTarget.dataset.id }));
    },
  },
});
