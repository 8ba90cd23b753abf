// The cast of test residents (docs/test-residents.md). IDs are built from 17 digits plus the
// GB 11643 check character, so the table stays compact and always valid.
import { idCheckChar } from '../core/validation';

export type Marital = 'single' | 'married' | 'divorced' | 'widowed';
export type PlateType = 'small' | 'large' | 'new-energy';

export interface CastVehicle { plate: string; plateType: PlateType; vin: string }
export interface CastAccount { utility: 'electricity' | 'water' | 'gas'; number: string }

export interface CastMember {
  key: string;
  name: string;
  nameEn: string;
  idNumber: string;
  mobile: string;
  marital: Marital;
  spouse?: string;
  children?: string[];
  vehicles: CastVehicle[];
  accounts: CastAccount[];
  /** What this resident is for, in the test plan. */
  role: string;
}

type Row = [key: string, name: string, nameEn: string, id17: string, mobile: string, marital: Marital, role: string];

const ROWS: Row[] = [
  ['r01', '王芳', 'Wang Fang', '11010519491231002', '13800000001', 'widowed', 'elderly resident (76): bills, hospital, large-text use'],
  ['r02', '李明', 'Li Ming', '34052419800101001', '13800000002', 'married', 'car owner with fines on two vehicles; married to r03; father of r10'],
  ['r03', '陈静', 'Chen Jing', '44030519820315002', '13800000003', 'married', 'married to r02; mother of r10'],
  ['r04', '张伟', 'Zhang Wei', '44010620041123001', '13800000004', 'single', 'man who turns 22 on 2026-11-23 (marriage age edge)'],
  ['r05', '刘洋', 'Liu Yang', '44010420061122002', '13800000005', 'single', 'woman who turns 20 on 2026-11-22 (marriage age edge)'],
  ['r06', '赵磊', 'Zhao Lei', '44010619910708003', '13800000006', 'single', 'vehicle with 200 notices (performance seed)'],
  ['r07', '孙丽', 'Sun Li', '44030419960214004', '13800000007', 'married', 'married to r08; newborn registration'],
  ['r08', '周强', 'Zhou Qiang', '44060419860530005', '13800000008', 'married', 'married to r07; large vehicle'],
  ['r09', '黄敏', 'Huang Min', '44010119591002006', '13800000009', 'divorced', 'divorced resident (67)'],
  ['r10', '李小龙', 'Li Xiaolong', '44030520120601007', '13800000010', 'single', 'child of 14 (passport validity 5 years)'],
  ['r11', '吴婷', 'Wu Ting', '44010620070315008', '13800000011', 'single', 'woman of 19 (too young to marry until 2027-03-15)'],
  ['r12', '郑浩', 'Zheng Hao', '44010619900412009', '13800000012', 'married', 'married to r13; divorce application in cooling-off'],
  ['r13', '林娜', 'Lin Na', '44010619920818020', '13800000013', 'married', 'married to r12; divorce application in cooling-off'],
];

const VEHICLES: Record<string, CastVehicle[]> = {
  r02: [
    { plate: '粤B12345', plateType: 'small', vin: 'LSVAU2180N2183745' },
    { plate: '粤BD12345', plateType: 'new-energy', vin: 'LGXCE4CB8N0604219' },
    // Two more without notices, so a tester can reach the limit of three bound vehicles.
    { plate: '粤B5Z6R8', plateType: 'small', vin: 'LSGPC52U8AF102938' },
    { plate: '粤B2X7K9', plateType: 'small', vin: 'LHGCM82633A004352' },
  ],
  r06: [{ plate: '粤A88888', plateType: 'small', vin: 'LFV2A21K0M4200001' }],
  r08: [{ plate: '粤E12345', plateType: 'large', vin: 'LZZ5BLSF6MN512345' }],
};

const ACCOUNTS: Record<string, CastAccount[]> = {
  r01: [
    { utility: 'electricity', number: '0300000001' },
    { utility: 'water', number: '1100000001' },
    { utility: 'gas', number: '2200000001' },
  ],
  r02: [{ utility: 'electricity', number: '0300000002' }],
};

const SPOUSES: Record<string, string> = { r02: 'r03', r03: 'r02', r07: 'r08', r08: 'r07', r12: 'r13', r13: 'r12' };
const CHILDREN: Record<string, string[]> = { r02: ['r10'], r03: ['r10'] };

export const CAST: readonly CastMember[] = ROWS.map(([key, name, nameEn, id17, mobile, marital, role]) => ({
  key,
  name,
  nameEn,
  idNumber: `${id17}${idCheckChar(id17)}`,
  mobile,
  marital,
  spouse: SPOUSES[key],
  children: CHILDREN[key],
  vehicles: VEHICLES[key] ?? [],
  accounts: ACCOUNTS[key] ?? [],
  role,
}));

export function castByKey(key: string): CastMember | undefined {
  return CAST.find((member) => member.key === key);
}
