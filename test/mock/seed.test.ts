import * as fs from 'fs';
import * as path from 'path';
import { CAST } from '../../miniprogram/mock/seed';
import { checkIdNumber, idSex } from '../../miniprogram/core/validation';
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
    CAST.filter((m) => m.spouse).forEach((m) => expect(CAST.find((o) => o.key === m.spouse)?.spouse).toBe(m.key));
  });
});
