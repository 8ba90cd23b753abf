import * as fs from 'fs';
import * as path from 'path';
import { CAST } from '../../miniprogram/mock/seed';
import { checkIdNumber, idBirthDate, idSex } from '../../miniprogram/core/validation';
import { ageOn, DAY_MS } from '../../miniprogram/core/dates';
import { TEST_NOW } from '../helpers/government';

describe('the cast of test residents', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/test-residents.md'), 'utf8');

  it.each(CAST.map((m) => [m.key, m.name, m.idNumber, m.mobile] as const))('%s %s has a valid ID and is documented', (key, name, id, mobile) => {
    expect(checkIdNumber(id, TEST_NOW)).toBeNull();
    expect(doc).toContain(`| ${key} | ${name}`);
    expect(doc).toContain(`\`${id}\``);
    expect(doc).toContain(mobile);
  });

  it('has both sexes, spouses on both sides and the marriage-age edges', () => {
    expect(new Set(CAST.map((m) => idSex(m.idNumber)))).toEqual(new Set(['male', 'female']));
    const age = (key: string, at: number) => ageOn(idBirthDate(CAST.find((m) => m.key === key)?.idNumber ?? ''), at);
    // r04 (man) is 21 today and 22 tomorrow; r05 (woman) turns 20 today: the Civil Code's minimum ages.
    expect([age('r04', TEST_NOW), age('r04', TEST_NOW + DAY_MS)]).toEqual([21, 22]);
    expect([age('r05', TEST_NOW - DAY_MS), age('r05', TEST_NOW)]).toEqual([19, 20]);
    CAST.filter((m) => m.spouse).forEach((m) => expect(CAST.find((o) => o.key === m.spouse)?.spouse).toBe(m.key));
  });
});
