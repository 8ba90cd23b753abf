import { checkPlate, checkVinLast6, normalisePlate } from '../../miniprogram/core/plates';
import { combineWords } from '../../miniprogram/core/words';

describe('plate shape (GA 36-2018)', () => {
  it.each([
    ['粤B12345', 'regular', null],
    ['粤b 12345', 'regular', null],
    ['京AF0236', 'regular', null],
    ['粤BD12345', 'new-energy', null],
    ['粤B12345D', 'new-energy', null],
    ['粤BDF1234', 'new-energy', null],
    ['', 'regular', 'REQUIRED'],
    ['B12345X', 'regular', 'PLATE_PROVINCE'],
    ['粤B1234', 'regular', 'PLATE_LENGTH'],
    ['粤BD12345', 'regular', 'PLATE_LENGTH'],
    ['粤B12345', 'new-energy', 'PLATE_LENGTH'],
    ['粤I12345', 'regular', 'PLATE_CHARS'],
    ['粤B1O345', 'regular', 'PLATE_CHARS'],
    ['粤112345', 'regular', 'PLATE_CHARS'],
    ['粤B123456', 'new-energy', 'PLATE_NEW_ENERGY'],
    ['粤BL12345', 'new-energy', 'PLATE_NEW_ENERGY'],
    ['粤BD1234A', 'new-energy', 'PLATE_NEW_ENERGY'],
  ] as const)('%s as %s -> %s', (plate, kind, problem) => {
    expect(checkPlate(plate, kind)).toBe(problem);
  });

  it('normalises case and separators', () => {
    expect(normalisePlate(' 粤b·d1 2345 ')).toBe('粤BD12345');
  });
});

describe('VIN last 6', () => {
  it.each([
    ['183745', null],
    ['a04352', null],
    ['', 'REQUIRED'],
    ['18374', 'VIN_LENGTH'],
    ['1837455', 'VIN_LENGTH'],
    ['18374O', 'VIN_CHARS'],
    ['Q83745', 'VIN_CHARS'],
    ['18-745', 'VIN_CHARS'],
  ] as const)('%s -> %s', (vin, problem) => {
    expect(checkVinLast6(vin)).toBe(problem);
  });
});

describe('combined words', () => {
  it('prefers the first table that has the key', () => {
    const own = { has: (k: string) => k === 'err.A', t: () => 'own' };
    const main = { has: (k: string) => k.startsWith('err.'), t: (k: string) => `main ${k}` };
    const words = combineWords(own, main);
    expect(words.t('err.A')).toBe('own');
    expect(words.t('err.B')).toBe('main err.B');
    expect(words.has('x')).toBe(false);
  });
});
