// The utilities agency's seed: the city's companies with their account formats and tariffs, and the
// accounts that exist (the documented residents' and a landlord's ten flats), from small tables.
// Usage per month follows from a hash of the account and the month, with the season in it.
import type { Company, LateFeeRule, LocalText, Utility } from '../../../contracts/bills';

export const COMPANIES: readonly Company[] = [
  { id: 'gz-power', utility: 'electricity', name: { zh: '广州供电局', en: 'Guangzhou Power Supply Bureau' }, accountLength: 10, accountExample: '0300123456', hotline: '95598' },
  { id: 'gz-water', utility: 'water', name: { zh: '广州市自来水公司', en: 'Guangzhou Water Supply Company' }, accountLength: 10, accountExample: '1100123456', hotline: '96968' },
  { id: 'ns-water', utility: 'water', name: { zh: '南沙水务', en: 'Nansha Water' }, accountLength: 8, accountExample: '51012345', hotline: '020-84988888' },
  { id: 'gz-gas', utility: 'gas', name: { zh: '广州燃气集团', en: 'Guangzhou Gas Group' }, accountLength: 10, accountExample: '2200123456', hotline: '96833' },
  { id: 'hk-gas', utility: 'gas', name: { zh: '港华燃气', en: 'Towngas China' }, accountLength: 12, accountExample: '880012345678', hotline: '95008' },
];

/** How a month's usage is priced: tiers of usage (the last open-ended), each a price in 1/10000 yuan per unit. */
export interface Tariff {
  unit: 'kWh' | 'm3';
  tiers: { upTo: number | null; price: number }[];
  /** Usage in a typical month, and how far a month may stray from it (plus the season). */
  typical: number;
  spread: number;
  /** Each month's bill is issued on this day of the next month and due on `dueDay` of it. */
  issueDay: number;
  dueDay: number;
  lateFee: LateFeeRule;
}

/**
 * Guangdong's household tiers (0-200, 201-400, over 400 kWh a month; 供电营业规则 for the late fee: 1 per
 * mille of the arrears a day, at least 1 yuan); Guangzhou's water price with its sewage charge and its
 * gas price are single tiers; their late fees are the seed's setting.
 */
export const TARIFFS: Record<Utility, Tariff> = {
  electricity: {
    unit: 'kWh',
    tiers: [{ upTo: 200, price: 5883 }, { upTo: 400, price: 6383 }, { upTo: null, price: 8883 }],
    typical: 260,
    spread: 180,
    issueDay: 5,
    dueDay: 20,
    lateFee: { ratePerDay: 10, minFen: 100 },
  },
  water: { unit: 'm3', tiers: [{ upTo: null, price: 34600 }], typical: 15, spread: 10, issueDay: 8, dueDay: 28, lateFee: { ratePerDay: 5, minFen: 50 } },
  gas: { unit: 'm3', tiers: [{ upTo: null, price: 34500 }], typical: 22, spread: 14, issueDay: 10, dueDay: 25, lateFee: { ratePerDay: 10, minFen: 100 } },
};

export interface SeedAccount {
  companyId: string;
  number: string;
  holder: string;
  address: LocalText;
  flat: string;
  /** Months (YYYY-MM) still unpaid when the government first runs, counted back from its month: 1 = the latest bill. */
  unpaidBack: number[];
}

const flatAddress = (district: [string, string], street: [string, string], building: string, flat: string): LocalText => ({
  zh: `广州市${district[0]}${street[0]}${building}号${flat}房`,
  en: `Flat ${flat}, ${building} ${street[1]}, ${district[1]}, Guangzhou`,
});

const TIANHE: [string, string] = ['天河区', 'Tianhe District'];
const YUEXIU: [string, string] = ['越秀区', 'Yuexiu District'];
const HAIZHU: [string, string] = ['海珠区', 'Haizhu District'];

/** The documented residents' accounts (docs/test-residents.md) and the landlord's ten flats. */
export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  // Wang Fang (r01): electricity with two unpaid bills (the older well past its due date), water due soon, gas paid up.
  { companyId: 'gz-power', number: '0300000001', holder: '王芳', address: flatAddress(TIANHE, ['体育东路', 'Tiyu East Road'], '28', '1203'), flat: '1203', unpaidBack: [1, 2] },
  { companyId: 'gz-water', number: '1100000001', holder: '王芳', address: flatAddress(TIANHE, ['体育东路', 'Tiyu East Road'], '28', '1203'), flat: '1203', unpaidBack: [1] },
  { companyId: 'gz-gas', number: '2200000001', holder: '王芳', address: flatAddress(TIANHE, ['体育东路', 'Tiyu East Road'], '28', '1203'), flat: '1203', unpaidBack: [] },
  // Li Ming (r02) and Chen Jing (r03) share a flat: both may bind its electricity account.
  { companyId: 'gz-power', number: '0300000002', holder: '李明', address: flatAddress(YUEXIU, ['东风中路', 'Dongfeng Middle Road'], '163', '0801'), flat: '0801', unpaidBack: [1] },
  // Zhao Lei (r06) lets ten flats of one building: ten accounts for the performance case.
  ...Array.from({ length: 10 }, (_, i): SeedAccount => {
    const flat = String(101 + i);
    return { companyId: 'gz-power', number: `03001000${String(i + 1).padStart(2, '0')}`, holder: '赵磊', address: flatAddress(HAIZHU, ['江南大道中', 'Jiangnan Avenue Middle'], '88', flat), flat, unpaidBack: i % 3 === 0 ? [1, 2] : [1] };
  }),
  // Another company's numbers, so every company has an account to find.
  { companyId: 'ns-water', number: '51000001', holder: '周强', address: flatAddress(['南沙区', 'Nansha District'], ['进港大道', 'Jingang Avenue'], '12', '0502'), flat: '0502', unpaidBack: [1] },
  { companyId: 'hk-gas', number: '880000000001', holder: '周强', address: flatAddress(['南沙区', 'Nansha District'], ['进港大道', 'Jingang Avenue'], '12', '0502'), flat: '0502', unpaidBack: [] },
];
