// The health agency's seed: hospitals, their departments and doctors, made by compact seeded code from
// small tables (names with their pinyin, departments with their English names, symptoms), the same
// for every government. Slots follow from each doctor's weekly clinic pattern.
import type { DepartmentGroup, DoctorTitle, HospitalLevel, LocalText } from '../../../contracts/health';
import type { Random } from '../../../mock/random';

/** code -> group, zh, en, conditions the department's doctors treat (zh / en), symptom words, an age limit. */
interface DepartmentKind {
  group: DepartmentGroup;
  name: LocalText;
  conditions: [string, string][];
  /** What residents type (发烧, fever): any word found in a query leads here. */
  symptoms: string[];
  maxAge: number | null;
}

const dk = (group: DepartmentGroup, zh: string, en: string, conditions: string, symptoms: string, maxAge: number | null = null): DepartmentKind => ({
  group,
  name: { zh, en },
  conditions: conditions.split(';').map((pair) => {
    const [czh, cen] = pair.split('|');
    return [czh, cen];
  }),
  symptoms: symptoms.split(' ').filter(Boolean),
  maxAge,
});

export const DEPARTMENT_KINDS: Record<string, DepartmentKind> = {
  'general-practice': dk('internal', '全科医学科', 'General Practice', '常见病|common illnesses;慢性病管理|chronic disease care;健康体检|health checks', '不舒服 体检 感冒 cold checkup unwell'),
  fever: dk('internal', '发热门诊', 'Fever Clinic', '发热|fever;流行性感冒|influenza;新冠病毒感染|COVID-19', '发烧 发热 高烧 体温 fever temperature flu 流感'),
  respiratory: dk('internal', '呼吸内科', 'Respiratory Medicine', '慢性咳嗽|chronic cough;哮喘|asthma;肺炎|pneumonia;慢阻肺|COPD', '咳嗽 咳痰 气喘 哮喘 cough wheeze asthma breathless 发烧 fever'),
  cardiology: dk('internal', '心血管内科', 'Cardiology', '高血压|hypertension;冠心病|coronary heart disease;心律失常|arrhythmia', '胸痛 胸闷 心慌 心悸 高血压 血压 chest palpitations heart'),
  gastroenterology: dk('internal', '消化内科', 'Gastroenterology', '胃炎|gastritis;消化道溃疡|peptic ulcer;肠易激综合征|irritable bowel', '胃痛 腹痛 肚子痛 腹泻 拉肚子 恶心 stomach diarrhoea diarrhea nausea abdominal'),
  neurology: dk('internal', '神经内科', 'Neurology', '头痛|headache;脑卒中|stroke;失眠|insomnia;癫痫|epilepsy', '头痛 头晕 失眠 麻木 headache dizzy dizziness insomnia numb'),
  endocrinology: dk('internal', '内分泌科', 'Endocrinology', '糖尿病|diabetes;甲状腺疾病|thyroid disease;骨质疏松|osteoporosis', '血糖 糖尿病 甲状腺 diabetes thyroid sugar'),
  'general-surgery': dk('surgery', '普通外科', 'General Surgery', '疝气|hernia;胆囊结石|gallstones;甲状腺结节|thyroid nodules', '疝气 结石 肿块 lump hernia gallstone'),
  orthopaedics: dk('surgery', '骨科', 'Orthopaedics', '骨折|fractures;腰椎间盘突出|slipped disc;关节炎|arthritis', '骨折 腰痛 腰疼 颈椎 关节痛 膝盖 扭伤 fracture back knee sprain joint'),
  urology: dk('surgery', '泌尿外科', 'Urology', '泌尿系结石|kidney stones;前列腺增生|enlarged prostate', '尿频 尿痛 血尿 肾结石 urine kidney prostate'),
  paediatrics: dk('women-children', '儿科', 'Paediatrics', '小儿发热|fever in children;小儿咳嗽|cough in children;小儿腹泻|diarrhoea in children', '小孩 孩子 儿童 宝宝 小儿 child children baby kid 发烧 发热 fever 咳嗽 cough', 14),
  gynaecology: dk('women-children', '妇科', 'Gynaecology', '月经不调|irregular periods;子宫肌瘤|fibroids;宫颈疾病|cervical conditions', '月经 痛经 白带 period menstrual'),
  obstetrics: dk('women-children', '产科', 'Obstetrics', '产前检查|antenatal care;高危妊娠|high-risk pregnancy', '怀孕 孕检 产检 pregnant pregnancy antenatal'),
  ophthalmology: dk('specialist', '眼科', 'Ophthalmology', '白内障|cataract;青光眼|glaucoma;近视|short sight', '眼睛 视力 眼痛 近视 eye eyes vision sight'),
  ent: dk('specialist', '耳鼻咽喉科', 'Ear, Nose and Throat', '鼻炎|rhinitis;中耳炎|otitis media;咽喉炎|pharyngitis', '耳鸣 鼻塞 喉咙痛 嗓子 咽痛 ear nose throat'),
  stomatology: dk('specialist', '口腔科', 'Dentistry', '龋齿|tooth decay;牙周炎|gum disease;智齿|wisdom teeth', '牙痛 牙疼 牙齿 蛀牙 tooth toothache teeth dental gum'),
  dermatology: dk('specialist', '皮肤科', 'Dermatology', '湿疹|eczema;痤疮|acne;荨麻疹|hives', '皮疹 湿疹 痘痘 瘙痒 过敏 rash eczema acne itch skin'),
  'tcm-internal': dk('tcm', '中医内科', 'TCM Internal Medicine', '失眠调理|insomnia care;脾胃调理|digestive care;体质调理|constitution care', '调理 中医 tcm'),
  acupuncture: dk('tcm', '针灸科', 'Acupuncture', '颈肩腰腿痛|neck and back pain;面瘫|facial palsy', '针灸 颈肩痛 acupuncture'),
};

/** id, name, level, district, address, phone, departments (the first takes the performance seed's 60 doctors when listed first). */
type HospitalRow = [id: string, zh: string, en: string, level: HospitalLevel, districtZh: string, districtEn: string, addressZh: string, addressEn: string, phone: string, departments: string];
const HOSPITAL_ROWS: HospitalRow[] = [
  ['h1', '市第一人民医院', 'City No. 1 People\'s Hospital', '3A', '越秀区', 'Yuexiu District', '越秀区盘福路 1 号', '1 Panfu Road, Yuexiu District', '020-81048888',
    'general-practice fever respiratory cardiology gastroenterology neurology endocrinology general-surgery orthopaedics urology ophthalmology ent dermatology'],
  ['h2', '市妇女儿童医疗中心', 'City Women and Children\'s Medical Centre', '3A', '天河区', 'Tianhe District', '天河区金穗路 9 号', '9 Jinsui Road, Tianhe District', '020-38076666',
    'paediatrics fever gynaecology obstetrics respiratory gastroenterology ophthalmology ent stomatology dermatology orthopaedics'],
  ['h3', '市中医医院', 'City Hospital of Traditional Chinese Medicine', '3A', '海珠区', 'Haizhu District', '海珠区昌岗东路 16 号', '16 Changgang East Road, Haizhu District', '020-84412222',
    'tcm-internal acupuncture general-practice respiratory cardiology gastroenterology orthopaedics gynaecology dermatology'],
  ['h4', '南沙区人民医院', 'Nansha District People\'s Hospital', '2A', '南沙区', 'Nansha District', '南沙区丰泽东路 3 号', '3 Fengze East Road, Nansha District', '020-39006120',
    'general-practice fever paediatrics cardiology orthopaedics stomatology'],
];

/** The performance seed: this department has 60 doctors. */
export const BUSY_DEPARTMENT = 'h1-general-practice';
const BUSY_DOCTORS = 60;

const SURNAMES = '王Wang 李Li 张Zhang 刘Liu 陈Chen 杨Yang 黄Huang 赵Zhao 吴Wu 周Zhou 徐Xu 孙Sun 马Ma 朱Zhu 胡Hu 郭Guo 何He 林Lin 罗Luo 高Gao 梁Liang 郑Zheng 谢Xie 宋Song 唐Tang 许Xu 邓Deng 冯Feng 曾Zeng 彭Peng';
const GIVEN = '伟Wei 芳Fang 敏Min 静Jing 丽Li 强Qiang 磊Lei 军Jun 洋Yang 勇Yong 艳Yan 杰Jie 娟Juan 涛Tao 明Ming 超Chao 秀Xiu 霞Xia 平Ping 刚Gang 桂Gui 文Wen 华Hua 建Jian 国Guo 志Zhi 海Hai 红Hong 玉Yu 兰Lan 慧Hui 宁Ning 晨Chen 欣Xin 婷Ting 浩Hao 宇Yu 嘉Jia 颖Ying 鹏Peng';
const pairs = (list: string): [string, string][] => list.split(' ').map((item) => [item[0], item.slice(1)]);
const SURNAME_PAIRS = pairs(SURNAMES);
const GIVEN_PAIRS = pairs(GIVEN);

const TITLE_FEES: Record<DoctorTitle, number> = { chief: 5000, 'associate-chief': 3500, attending: 2000, resident: 1000 };
/** Places per 30-minute slot: senior doctors see fewer people. */
export const TITLE_CAPACITY: Record<DoctorTitle, number> = { chief: 2, 'associate-chief': 3, attending: 4, resident: 4 };
const TITLE_WORDS: Record<DoctorTitle, LocalText> = {
  chief: { zh: '主任医师', en: 'Chief physician' },
  'associate-chief': { zh: '副主任医师', en: 'Associate chief physician' },
  attending: { zh: '主治医师', en: 'Attending physician' },
  resident: { zh: '住院医师', en: 'Resident physician' },
};

export interface SeedHospital { id: string; name: LocalText; level: HospitalLevel; district: LocalText; address: LocalText; phone: string; departmentIds: string[] }
export interface SeedDepartment { id: string; hospitalId: string; code: string; location: LocalText; doctorIds: string[] }
export interface SeedDoctor {
  id: string;
  departmentId: string;
  hospitalId: string;
  name: LocalText;
  title: DoctorTitle;
  feeFen: number;
  specialty: LocalText;
  profile: LocalText;
  /** Clinics by weekday (0 = Sunday) and session: [am, pm]. */
  week: [boolean, boolean][];
  /** 0..1: how much of each slot other patients (outside this app) have taken. */
  popularity: number;
}

export interface HealthSeed {
  hospitals: Record<string, SeedHospital>;
  hospitalOrder: string[];
  departments: Record<string, SeedDepartment>;
  doctors: Record<string, SeedDoctor>;
}

function personName(random: Random): LocalText {
  const [szh, sen] = random.pick(SURNAME_PAIRS);
  const first = random.pick(GIVEN_PAIRS);
  const second = random.next() < 0.6 ? random.pick(GIVEN_PAIRS) : null;
  const givenZh = first[0] + (second ? second[0] : '');
  const givenEn = first[1] + (second ? second[1].toLowerCase() : '');
  return { zh: szh + givenZh, en: `${sen} ${givenEn}` };
}

function titleFor(n: number, random: Random): DoctorTitle {
  if (n === 0) return 'chief';
  if (n === 1) return 'associate-chief';
  const roll = random.next();
  return roll < 0.15 ? 'chief' : roll < 0.4 ? 'associate-chief' : roll < 0.85 ? 'attending' : 'resident';
}

function makeDoctor(random: Random, hospitalId: string, departmentId: string, kind: DepartmentKind, n: number): SeedDoctor {
  const title = titleFor(n, random);
  const years = { chief: random.int(22, 35), 'associate-chief': random.int(14, 24), attending: random.int(6, 14), resident: random.int(2, 6) }[title];
  const a = random.pick(kind.conditions);
  const b = kind.conditions.find((c) => c !== a && random.next() < 0.7) ?? null;
  const specialty: LocalText = { zh: b ? `${a[0]}、${b[0]}` : a[0], en: b ? `${a[1]}, ${b[1]}` : a[1] };
  const week: [boolean, boolean][] = [];
  for (let day = 0; day < 7; day += 1) {
    // Weekdays mostly; a few Saturday mornings; never Sunday.
    const weekday = day >= 1 && day <= 5;
    week.push([weekday ? random.next() < 0.55 : day === 6 && random.next() < 0.3, weekday && random.next() < 0.45]);
  }
  if (!week.some(([am, pm]) => am || pm)) week[1 + random.int(0, 4)][0] = true;
  return {
    id: `${departmentId}-${n + 1}`,
    departmentId,
    hospitalId,
    name: personName(random),
    title,
    feeFen: TITLE_FEES[title],
    specialty,
    profile: {
      zh: `${TITLE_WORDS[title].zh}，从事${kind.name.zh}临床工作 ${years}\u00a0年，擅长${specialty.zh}的诊治。`,
      en: `${TITLE_WORDS[title].en} with ${years} years in ${kind.name.en.toLowerCase()}; sees patients with ${specialty.en.toLowerCase()}.`,
    },
    week,
    popularity: title === 'chief' ? 0.6 + random.next() * 0.4 : 0.15 + random.next() * 0.6,
  };
}

/** The whole seed, from a seeded generator: the same tables for the same seed. */
export function buildHealthSeed(random: Random): HealthSeed {
  const seed: HealthSeed = { hospitals: {}, hospitalOrder: [], departments: {}, doctors: {} };
  HOSPITAL_ROWS.forEach(([id, zh, en, level, districtZh, districtEn, addressZh, addressEn, phone, codes]) => {
    const hospital: SeedHospital = { id, name: { zh, en }, level, district: { zh: districtZh, en: districtEn }, address: { zh: addressZh, en: addressEn }, phone, departmentIds: [] };
    seed.hospitals[id] = hospital;
    seed.hospitalOrder.push(id);
    codes.split(' ').forEach((code, i) => {
      const kind = DEPARTMENT_KINDS[code];
      const departmentId = `${id}-${code}`;
      const floor = 1 + Math.floor(i / 3);
      const zone = 'ABC'[i % 3];
      const department: SeedDepartment = {
        id: departmentId,
        hospitalId: id,
        code,
        location: { zh: `门诊楼 ${floor}\u00a0楼 ${zone}\u00a0区`, en: `Outpatient Building, floor ${floor}, zone ${zone}` },
        doctorIds: [],
      };
      const count = departmentId === BUSY_DEPARTMENT ? BUSY_DOCTORS : random.int(2, 5);
      for (let n = 0; n < count; n += 1) {
        const doctor = makeDoctor(random, id, departmentId, kind, n);
        seed.doctors[doctor.id] = doctor;
        department.doctorIds.push(doctor.id);
      }
      seed.departments[departmentId] = department;
      hospital.departmentIds.push(departmentId);
    });
  });
  return seed;
}

/** Morning slots 08:00-12:00 and afternoon 14:00-17:00, 30 minutes each: [session, index, start minute]. */
export const SLOT_TIMES: ['am' | 'pm', number, number][] = [
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((i): ['am', number, number] => ['am', i, 8 * 60 + i * 30]),
  ...[0, 1, 2, 3, 4, 5].map((i): ['pm', number, number] => ['pm', i, 14 * 60 + i * 30]),
];
export const SLOT_MINUTES = 30;
