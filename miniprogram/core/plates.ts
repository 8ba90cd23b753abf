// Plate and VIN shape checks (GA 36-2018, ISO 3779), mirrored from the government for feedback
// before a round trip. The government decides whether the vehicle exists and whose it is.

export type PlateKind = 'regular' | 'new-energy';

/** Provincial abbreviations, in the order the picker shows them (Guangdong first: most residents). */
export const PROVINCES = [
  '粤', '京', '津', '沪', '渝', '冀', '晋', '蒙', '辽', '吉', '黑', '苏', '浙', '皖', '闽', '赣',
  '鲁', '豫', '鄂', '湘', '桂', '琼', '川', '贵', '云', '藏', '陕', '甘', '青', '宁', '新',
] as const;

export type PlateProblem = 'REQUIRED' | 'PLATE_PROVINCE' | 'PLATE_LENGTH' | 'PLATE_CHARS' | 'PLATE_NEW_ENERGY';
export type VinProblem = 'REQUIRED' | 'VIN_LENGTH' | 'VIN_CHARS';

/** Characters after the province on all plates: letters without I and O, and digits. */
const PLATE_CHAR = /^[A-HJ-NP-Z0-9]$/;
const ENERGY_MARK = /[DABCEFGHJK]/;

/** Total length with the province: 7 regular, 8 new energy. */
export function plateLength(kind: PlateKind): number {
  return kind === 'new-energy' ? 8 : 7;
}

export function normalisePlate(raw: string): string {
  return raw.replace(/[\s·•.-]+/g, '').toUpperCase();
}

export function checkPlate(raw: string, kind: PlateKind): PlateProblem | null {
  const plate = normalisePlate(raw);
  if (plate.length === 0) return 'REQUIRED';
  const chars = Array.from(plate);
  if (!(PROVINCES as readonly string[]).includes(chars[0])) return 'PLATE_PROVINCE';
  if (chars.length !== plateLength(kind)) return 'PLATE_LENGTH';
  const rest = chars.slice(1);
  if (!/^[A-HJ-NP-Z]$/.test(rest[0]) || !rest.every((c) => PLATE_CHAR.test(c))) return 'PLATE_CHARS';
  if (kind === 'new-energy') {
    // GA 36-2018: the energy mark is the first of the six (small cars) or the last (large).
    const six = rest.slice(1).join('');
    const small = ENERGY_MARK.test(six[0]) && /^[A-HJ-NP-Z0-9]\d{4}$/.test(six.slice(1));
    const large = /^\d{5}$/.test(six.slice(0, 5)) && ENERGY_MARK.test(six[5]);
    if (!small && !large) return 'PLATE_NEW_ENERGY';
  }
  return null;
}

export function normaliseVin(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The last 6 characters of a VIN: letters without I, O and Q, and digits. */
export function checkVinLast6(raw: string): VinProblem | null {
  const vin = normaliseVin(raw);
  if (vin.length === 0) return 'REQUIRED';
  if (vin.length !== 6) return 'VIN_LENGTH';
  return /^[A-HJ-NPR-Z0-9]{6}$/.test(vin) ? null : 'VIN_CHARS';
}
