// What the reports agency starts with, as data only: the departments, the service list (Open311 categories
// with their extra fields: a new category added to SERVICES is served and filed with no code change), the
// seed city's districts as simplified boxes, the police's accident-settlement desks, the workflow's timings,
// and a few reports already filed (relative to the government's first run) for testers to find.
import type { AccidentDesk, AttributeDefinition, CloseReason, Department, District, LocalText, ReportEventNote, ReportStatus, SlaKind } from '../../contracts/reports';

export interface ServiceSeed {
  code: string;
  name: LocalText;
  group: LocalText;
  description: LocalText;
  keywords: string[];
  department: string;
  sla: SlaKind;
  attributes: AttributeDefinition[];
  /** Between the parties only: never offered nearby, never followed (the minor accident). */
  private?: boolean;
}

export const DEPARTMENTS: readonly Department[] = [
  { id: 'city-lighting', name: { zh: '广州市城市照明管理中心', en: 'Guangzhou City Lighting Centre' }, phone: '12345' },
  { id: 'traffic-police', name: { zh: '广州市公安局交通警察支队', en: 'Guangzhou Traffic Police' }, phone: '122' },
  { id: 'water-affairs', name: { zh: '广州市水务局', en: 'Guangzhou Water Affairs Bureau' }, phone: '12345' },
  { id: 'ecology-environment', name: { zh: '广州市生态环境局', en: 'Guangzhou Ecology and Environment Bureau' }, phone: '12345' },
  { id: 'roads', name: { zh: '广州市道路养护中心', en: 'Guangzhou Roads Maintenance Centre' }, phone: '12345' },
  { id: 'parks-forestry', name: { zh: '广州市林业和园林局', en: 'Guangzhou Forestry and Garden Bureau' }, phone: '12345' },
];

const STREET = { zh: '市容设施', en: 'Street furniture' };
const TRAFFIC = { zh: '道路交通', en: 'Traffic' };
const CITY_WORKS = { zh: '市政设施', en: 'City works' };
const ENVIRONMENT = { zh: '环境', en: 'Environment' };
const GREENERY = { zh: '园林绿化', en: 'Parks and trees' };

const value = (key: string, zh: string, en: string) => ({ key, name: { zh, en } });

export const ACCIDENT_POSITIONS = [
  value('rear-end', '同车道追尾', 'Rear-end in the same lane'),
  value('lane-change', '变更车道时碰撞', 'While changing lanes'),
  value('turning', '转弯时碰撞', 'While turning'),
  value('reversing', '倒车时碰撞', 'While reversing'),
  value('parked', '一方停放时被碰', 'One vehicle was parked'),
  value('other', '其他情形', 'Something else'),
];

/** The service list, in the order it is shown. Tests may push a category here before the first request. */
export const SERVICES: ServiceSeed[] = [
  {
    code: 'street-light',
    name: { zh: '路灯不亮', en: 'Broken street light' },
    group: STREET,
    description: { zh: '路灯不亮、闪烁、白天常亮或灯杆损坏', en: 'A street light that is out, flickers, stays on by day, or a damaged pole' },
    keywords: ['路灯', '灯杆', '照明', 'street light', 'lamp'],
    department: 'city-lighting',
    sla: 'ordinary',
    attributes: [
      { code: 'pole-number', datatype: 'string', required: false, order: 1, description: { zh: '灯杆编号（灯杆上的铭牌）', en: 'Pole number (on the plate on the pole)' } },
      {
        code: 'light-state', datatype: 'singlevaluelist', required: true, order: 2, description: { zh: '路灯情况', en: 'What is wrong with it' },
        values: [value('off', '不亮', 'Not lit'), value('flickering', '闪烁', 'Flickering'), value('on-by-day', '白天常亮', 'Lit in daytime'), value('pole-damaged', '灯杆损坏', 'Pole damaged')],
      },
    ],
  },
  {
    code: 'illegal-parking',
    name: { zh: '违法停车', en: 'Illegal parking' },
    group: TRAFFIC,
    description: { zh: '占用消防通道、人行道、出入口等的违法停车', en: 'A vehicle parked in a fire lane, on the footpath, across a driveway and the like' },
    keywords: ['违停', '乱停车', '占道', 'parking', 'blocked'],
    department: 'traffic-police',
    sla: 'ordinary',
    attributes: [
      { code: 'plate', datatype: 'string', format: 'plate', required: true, order: 1, description: { zh: '车牌号码', en: 'Plate number' } },
      {
        code: 'blocking', datatype: 'multivaluelist', required: false, order: 2, description: { zh: '占用了哪里', en: 'What it blocks' },
        values: [value('fire-lane', '消防通道', 'Fire lane'), value('footpath', '人行道', 'Footpath'), value('driveway', '出入口', 'Driveway'), value('bus-stop', '公交站', 'Bus stop'), value('cycle-lane', '非机动车道', 'Cycle lane')],
      },
    ],
  },
  {
    code: 'blocked-drain',
    name: { zh: '下水道堵塞', en: 'Blocked drain' },
    group: CITY_WORKS,
    description: { zh: '雨水口、下水道堵塞或井盖缺失', en: 'A blocked storm drain or sewer, or a missing drain cover' },
    keywords: ['下水道', '雨水口', '井盖', '积水', 'drain', 'flooding'],
    department: 'water-affairs',
    sla: 'ordinary',
    attributes: [
      {
        code: 'flooding', datatype: 'singlevaluelist', required: false, order: 1, description: { zh: '是否积水', en: 'Is there standing water' },
        values: [value('none', '没有积水', 'No'), value('street', '路面积水', 'On the street'), value('buildings', '水进入建筑', 'Into buildings')],
      },
    ],
  },
  {
    code: 'night-noise',
    name: { zh: '夜间噪音', en: 'Noise at night' },
    group: ENVIRONMENT,
    description: { zh: '22:00 至次日 6:00 的施工、娱乐等噪音', en: 'Building work, entertainment and other noise between 22:00 and 6:00' },
    keywords: ['噪音', '扰民', '施工', 'noise', 'night'],
    department: 'ecology-environment',
    sla: 'ordinary',
    attributes: [
      { code: 'started-at', datatype: 'datetime', required: true, order: 1, description: { zh: '噪音开始的时间', en: 'When the noise started' } },
      {
        code: 'source', datatype: 'singlevaluelist', required: false, order: 2, description: { zh: '噪音来源', en: 'Where it comes from' },
        values: [value('construction', '建筑施工', 'Building work'), value('entertainment', '娱乐场所', 'Entertainment venue'), value('neighbours', '邻居', 'Neighbours'), value('traffic', '交通', 'Traffic'), value('other', '其他', 'Something else')],
      },
    ],
  },
  {
    code: 'road-damage',
    name: { zh: '道路破损', en: 'Road damage' },
    group: CITY_WORKS,
    description: { zh: '路面坑洼、塌陷或破损', en: 'A pothole, subsidence or a broken road surface' },
    keywords: ['坑洼', '路面', '塌陷', 'pothole', 'road'],
    department: 'roads',
    sla: 'complex',
    attributes: [
      { code: 'size-m', datatype: 'number', required: true, order: 1, min: 0.1, max: 100, description: { zh: '破损大小（米）', en: 'Size in metres' } },
      {
        code: 'lane-blocked', datatype: 'singlevaluelist', required: false, order: 2, description: { zh: '是否影响通行', en: 'Does it block traffic' },
        values: [value('no', '不影响', 'No'), value('partly', '部分车道', 'Part of the road'), value('fully', '完全阻断', 'The whole road')],
      },
    ],
  },
  {
    code: 'fallen-tree',
    name: { zh: '树木倒伏', en: 'Fallen tree' },
    group: GREENERY,
    description: { zh: '倒伏、断枝或有倒伏危险的树木', en: 'A fallen tree, a broken branch, or a tree about to fall' },
    keywords: ['倒树', '断枝', '台风', 'tree', 'branch'],
    department: 'parks-forestry',
    sla: 'ordinary',
    attributes: [
      {
        code: 'blocking', datatype: 'singlevaluelist', required: true, order: 1, description: { zh: '挡住了哪里', en: 'What it blocks' },
        values: [value('road', '车行道', 'The road'), value('footpath', '人行道', 'The footpath'), value('nothing', '没有阻挡', 'Nothing')],
      },
      { code: 'access', datatype: 'text', required: false, order: 2, description: { zh: '怎样找到它（可选）', en: 'How to find it (optional)' } },
    ],
  },
  {
    code: 'minor-accident',
    name: { zh: '轻微交通事故快处', en: 'Minor traffic accident' },
    group: TRAFFIC,
    description: {
      zh: '无人受伤、车辆能移动的轻微事故：拍照、确认责任后撤离现场，再预约理赔',
      en: 'No one hurt and the cars can move: take the photos, agree who is responsible, move the cars, then book the claim',
    },
    keywords: ['事故', '剐蹭', '快处快赔', 'accident', 'collision'],
    department: 'traffic-police',
    sla: 'ordinary',
    private: true,
    attributes: [
      { code: 'own-plate', datatype: 'string', format: 'plate', required: true, order: 1, description: { zh: '本车车牌', en: 'Your plate' } },
      { code: 'other-plate', datatype: 'string', format: 'plate', required: true, order: 2, description: { zh: '对方车牌', en: 'The other vehicle\'s plate' } },
      { code: 'positions', datatype: 'singlevaluelist', required: true, order: 3, description: { zh: '事故时双方位置', en: 'Who was where' }, values: ACCIDENT_POSITIONS },
    ],
  },
];

export const CITY: LocalText = { zh: '广州市', en: 'Guangzhou' };

const box = (minLat: number, maxLat: number, minLong: number, maxLong: number) => ({ minLat, maxLat, minLong, maxLong });

/** Guangzhou's districts as simplified lat/long boxes (GCJ-02), tried in this order: a point takes the first box it falls in. */
export const DISTRICTS: readonly District[] = [
  { code: 'yuexiu', name: { zh: '越秀区', en: 'Yuexiu' }, box: box(23.105, 23.17, 113.235, 113.32) },
  { code: 'liwan', name: { zh: '荔湾区', en: 'Liwan' }, box: box(23.04, 23.16, 113.16, 113.27) },
  { code: 'haizhu', name: { zh: '海珠区', en: 'Haizhu' }, box: box(23.04, 23.115, 113.23, 113.41) },
  { code: 'tianhe', name: { zh: '天河区', en: 'Tianhe' }, box: box(23.1, 23.25, 113.3, 113.44) },
  { code: 'huangpu', name: { zh: '黄埔区', en: 'Huangpu' }, box: box(23.04, 23.42, 113.38, 113.6) },
  { code: 'baiyun', name: { zh: '白云区', en: 'Baiyun' }, box: box(23.14, 23.44, 113.15, 113.5) },
  { code: 'panyu', name: { zh: '番禺区', en: 'Panyu' }, box: box(22.87, 23.08, 113.24, 113.56) },
  { code: 'nansha', name: { zh: '南沙区', en: 'Nansha' }, box: box(22.56, 22.9, 113.28, 113.7) },
  { code: 'huadu', name: { zh: '花都区', en: 'Huadu' }, box: box(23.26, 23.62, 112.95, 113.46) },
  { code: 'conghua', name: { zh: '从化区', en: 'Conghua' }, box: box(23.37, 23.94, 113.27, 114.0) },
  { code: 'zengcheng', name: { zh: '增城区', en: 'Zengcheng' }, box: box(23.08, 23.62, 113.54, 114.05) },
];

const DESK_HOURS = { zh: '工作日 9:00–12:00、14:00–17:00', en: 'Working days 9:00–12:00 and 14:00–17:00' };

export const DESKS: readonly AccidentDesk[] = [
  { id: 'kc-tianhe', name: { zh: '天河区交通事故快处快赔服务中心', en: 'Tianhe Accident Settlement Centre' }, address: { zh: '天河区中山大道西 89 号', en: '89 Zhongshan Avenue West, Tianhe' }, hours: DESK_HOURS, phone: '020-83110122' },
  { id: 'kc-baiyun', name: { zh: '白云区交通事故快处快赔服务中心', en: 'Baiyun Accident Settlement Centre' }, address: { zh: '白云区机场路 1718 号', en: '1718 Airport Road, Baiyun' }, hours: DESK_HOURS, phone: '020-86310122' },
  { id: 'kc-panyu', name: { zh: '番禺区交通事故快处快赔服务中心', en: 'Panyu Accident Settlement Centre' }, address: { zh: '番禺区市桥街平康路 3 号', en: '3 Pingkang Road, Shiqiao, Panyu' }, hours: DESK_HOURS, phone: '020-84820122' },
];

/** Places per window at a desk; a day with this many left or fewer (all windows) reads 'few'. */
export const DESK_WINDOW_QUOTA = 6;
export const DESK_FEW_LEFT = 6;

/**
 * The workflow's timings (CST, working days on the seed's calendar from the day of submission): confirmed an
 * hour after submission, investigating at 10:00 of working day 1, in progress at 10:00 of working day 2,
 * action scheduled (complex only) at 10:00 of working day 3; the outcome, from the report id's hash, is one
 * of `OUTCOMES`: closed as not responsible or duplicate at 15:00 of working day 1, unable to fix at 17:00 of
 * working day 4 (complex 6), fixed at 17:00 of working day SLA - 2, or late at 17:00 of working day SLA + 2.
 */
export const WORKFLOW = {
  confirmAfterMs: 3600 * 1000,
  stepHour: 10,
  closeHour: 15,
  fixHour: 17,
  /** The police review a disputed or unconfirmed accident by 17:00 of the next working day. */
  reviewDays: 1,
} as const;

export type Outcome = 'not-responsible' | 'duplicate' | 'unable-to-fix' | 'fixed-late' | 'fixed';

/**
 * The outcome of a round (1: after submission; 2: after reopening) from the report id's hash read as a number
 * in [0, 1): the first entry whose bound it is below, else fixed on time.
 */
export const OUTCOMES: Record<1 | 2, readonly (readonly [number, Outcome])[]> = {
  1: [[0.06, 'not-responsible'], [0.12, 'duplicate'], [0.18, 'unable-to-fix'], [0.3, 'fixed-late']],
  2: [[0.15, 'unable-to-fix'], [0.3, 'fixed-late']],
};

/** A point on Tianhe Road by Taikoo Hui, the seeded open street light's place (testers try nearby here). */
export const SEEDED_LIGHT_POINT = { lat: 23.1375, long: 113.3245 } as const;

export interface SeedStep { status: ReportStatus; day: number; hour: number; reason?: CloseReason; note?: ReportEventNote }

export interface SeedReport {
  id: string;
  owner: string;
  service: string;
  description: string;
  location: { lat: number | null; long: number | null; address: string | null; district: string };
  /** A datetime as the CST day from the first run's and the hour. */
  attributes: Record<string, string | number | string[] | { day: number; hour: number }>;
  contact: { name: string; mobile: string } | null;
  keepNamePrivate: boolean;
  /** Submitted on this CST day from the first run's (negative: before it) at this hour. */
  day: number;
  hour: number;
  /** The steps after submission, by day from the first run and hour. */
  steps: SeedStep[];
  followers: string[];
}

/** Reports filed before the first run (docs/test-residents.md "Reports"). */
export const SEEDED_REPORTS: readonly SeedReport[] = [
  {
    id: 'rp-seed-light',
    owner: 'r03',
    service: 'street-light',
    description: '天河路太古汇北门外人行道上的路灯连续几晚不亮，晚上很暗。',
    location: { ...SEEDED_LIGHT_POINT, address: '天河路 383 号太古汇北门外', district: 'tianhe' },
    attributes: { 'pole-number': 'TH-0383-12', 'light-state': 'off' },
    contact: { name: '陈静', mobile: '13800000003' },
    keepNamePrivate: true,
    day: -1,
    hour: 20,
    steps: [
      { status: 'confirmed', day: -1, hour: 21 },
      { status: 'investigating', day: 0, hour: 9 },
      { status: 'in-progress', day: 2, hour: 10 },
      { status: 'fixed', day: 6, hour: 17 },
    ],
    followers: [],
  },
  {
    id: 'rp-seed-drain',
    owner: 'r02',
    service: 'blocked-drain',
    description: '东风中路与越秀北路路口的雨水口被落叶堵住，下雨时路口积水。',
    location: { lat: 23.129, long: 113.2785, address: '东风中路与越秀北路路口', district: 'yuexiu' },
    attributes: { flooding: 'street' },
    contact: { name: '李明', mobile: '13800000002' },
    keepNamePrivate: false,
    day: -10,
    hour: 9,
    steps: [
      { status: 'confirmed', day: -10, hour: 10 },
      { status: 'investigating', day: -9, hour: 10 },
      { status: 'in-progress', day: -8, hour: 10 },
      { status: 'fixed', day: -3, hour: 17 },
    ],
    followers: [],
  },
  {
    id: 'rp-seed-road',
    owner: 'r02',
    service: 'road-damage',
    description: '黄埔大道西辅道有一个大坑，晚上电动车容易摔倒。',
    location: { lat: 23.1268, long: 113.3468, address: '黄埔大道西辅道（华南理工大学附近）', district: 'tianhe' },
    attributes: { 'size-m': 1.5, 'lane-blocked': 'partly' },
    contact: null,
    keepNamePrivate: false,
    day: -25,
    hour: 18,
    steps: [
      { status: 'confirmed', day: -25, hour: 19 },
      { status: 'investigating', day: -24, hour: 10 },
      { status: 'in-progress', day: -20, hour: 10 },
      { status: 'action-scheduled', day: -2, hour: 10 },
      { status: 'fixed', day: 5, hour: 17 },
    ],
    followers: ['r03'],
  },
  {
    id: 'rp-seed-noise',
    owner: 'r01',
    service: 'night-noise',
    description: '楼下工地每天夜里十一点后还在打桩。',
    location: { lat: null, long: null, address: '海珠区江南大道中 200 号附近', district: 'haizhu' },
    attributes: { 'started-at': { day: -6, hour: 23 }, source: 'construction' },
    contact: { name: '王芳', mobile: '13800000001' },
    keepNamePrivate: false,
    day: -6,
    hour: 23,
    steps: [
      { status: 'confirmed', day: -5, hour: 0 },
      { status: 'investigating', day: -5, hour: 10 },
      { status: 'closed', day: -5, hour: 15, reason: 'duplicate' },
    ],
    followers: [],
  },
];
