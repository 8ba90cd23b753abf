// Drafts: one key scheme, keyed by the person on the phone, gone at sign-out, never a full resident ID.
import fc from 'fast-check';
import type { Profile } from '../../miniprogram/contracts/identity';
import { DRAFT_PREFIX, GUEST, clearDraft, draftKey, draftOwner, draftShape, looksLikeResidentId, readDraft, saveDraft, storableDraft } from '../../miniprogram/core/draft';
import { clearPersonalData, clearSession, saveSession } from '../../miniprogram/core/session';
import { idCheckChar, maskIdNumber, maskName } from '../../miniprogram/core/validation';
import { fake } from '../helpers/fake-wx';
import { resident } from '../helpers/government';

const profileOf = (key: string): Profile => {
  const person = resident(key);
  return { level: 'verified', nameMasked: maskName(person.name), idMasked: maskIdNumber(person.idNumber), mobileMasked: '138****0000', sex: 'male', age: 40, newResident: false };
};
const isBind = draftShape({ province: 'number', rest: 'string', vin: 'string' });
const drafts = (): string[] => [...fake.storage.keys()].filter((key) => key.startsWith(DRAFT_PREFIX));

beforeEach(() => {
  clearSession();
});

describe('drafts', () => {
  it('are the guest\'s before anyone verifies, then the verified person\'s, under draft.<owner>.<form>', async () => {
    expect(draftOwner()).toBe(GUEST);
    saveDraft('identity', { name: '李明', mobile: '13800000002' });
    expect(drafts()).toEqual(['draft.guest.identity']);
    await saveSession('token-li', profileOf('r02'));
    const li = draftOwner();
    expect(li).toMatch(/^p[0-9a-z]+$/);
    saveDraft('fines-bind', { province: 3, rest: 'N1', vin: '12' });
    expect(fake.storage.get(`draft.${li}.fines-bind`)).toEqual({ province: 3, rest: 'N1', vin: '12' });
    expect(draftKey('fines-bind')).toBe(`draft.${li}.fines-bind`);
    // The key says nothing the profile shows: neither the masked ID nor the masked name.
    expect(li).not.toContain(profileOf('r02').idMasked.slice(0, 4));
    expect(li).not.toContain(profileOf('r02').nameMasked);
  });

  it('are the same person\'s again after verifying again, and another person\'s are not offered', async () => {
    await saveSession('token-li', profileOf('r02'));
    const li = draftOwner();
    saveDraft('fines-bind', { province: 3, rest: 'N1', vin: '12' });
    await saveSession('token-wang', profileOf('r01'));
    expect(draftOwner()).not.toBe(li);
    expect(readDraft('fines-bind', isBind)).toBeUndefined();
    clearSession();
    expect(readDraft('fines-bind', isBind)).toBeUndefined();
    await saveSession('token-li-2', profileOf('r02'));
    expect(draftOwner()).toBe(li);
    expect(readDraft('fines-bind', isBind)).toEqual({ province: 3, rest: 'N1', vin: '12' });
  });

  it('are read only in the shape asked for', () => {
    fake.storage.set('draft.guest.fines-bind', { province: '3', rest: 'N1' });
    expect(readDraft('fines-bind', isBind)).toBeUndefined();
    fake.storage.set('draft.guest.fines-bind', ['N1']);
    expect(readDraft('fines-bind', isBind)).toBeUndefined();
    fake.storage.set('draft.guest.fines-bind', { rest: 'N1', other: true });
    expect(readDraft('fines-bind', isBind)).toEqual({ rest: 'N1', other: true });
  });

  it('go one at a time with clearDraft, and all of them, everyone\'s, at sign-out', async () => {
    saveDraft('identity', { name: '李明' });
    await saveSession('token-li', profileOf('r02'));
    saveDraft('fines-bind', { rest: 'N1' });
    saveDraft('other-form', { note: 'x' });
    clearDraft('other-form');
    expect(drafts()).toEqual(['draft.guest.identity', `draft.${draftOwner()}.fines-bind`]);
    fake.storage.set('settings.locale', 'en');
    clearPersonalData();
    expect(drafts()).toEqual([]);
    expect(fake.storage.get('settings.locale')).toBe('en');
    expect(draftOwner()).toBe(GUEST);
  });

  it.each([
    ['34052419800101001X', true],
    ['34052419800101001x', true],
    ['340524 19800101 001X', true],
    ['3405-2419-8001-0100-1X', true],
    ['身份证11010519491231002X号', true],
    ['110105491231002', true],
    ['3405241980010100', true],
    // Typed with a Chinese keyboard's full-width digits, or with dots and slashes between the groups.
    ['３４０５２４１９８００１０１００１Ｘ', true],
    ['340524.19800101/001X', true],
    ['1101**********002X', false],
    ['13800000002', false],
    ['粤B12345', false],
    // A marriage certificate number (J and 16 digits) is not an ID; an ID typed after one still is.
    ['J440106-2020-004512', false],
    ['j440106 2020 004512', false],
    ['J440106-2020-004512 34052419800101001X', true],
    ['', false],
  ])('looksLikeResidentId(%j) is %s', (value, expected) => {
    expect(looksLikeResidentId(value)).toBe(expected);
  });

  it('never store text that holds a resident ID, whatever surrounds it; the rest of the draft stays', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const id = fc.array(digit, { minLength: 17, maxLength: 17 }).map((digits) => `${digits.join('')}${idCheckChar(digits.join(''))}`);
    fc.assert(
      fc.property(id, fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.boolean(), (number, before, after, lower) => {
        fake.storage.clear();
        const typed = `${before}${lower ? number.toLowerCase() : number}${after}`;
        saveDraft('identity', { name: typed, mobile: '13800000002', step: 2, agreed: true });
        const stored = JSON.stringify([...fake.storage.entries()]);
        expect(stored.toUpperCase()).not.toContain(number.slice(0, 15));
        expect(fake.storage.get('draft.guest.identity')).toEqual({ mobile: '13800000002', step: 2, agreed: true });
      }),
      { numRuns: 200 },
    );
  });

  it('keep everything else, and nothing undefined', () => {
    expect(storableDraft({ name: '李明', idMasked: '3405**********001X', province: 0, agreed: false, later: undefined })).toEqual({ name: '李明', idMasked: '3405**********001X', province: 0, agreed: false });
  });
});
