// A person who is not verified opens Me > My records, verifies, and lands back on My records
// with the query the page was opened with (a query is carried in test/pages/identity and records tests).
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, resident } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';

describe('the real-name gate, end to end', () => {
  it('goes from Me to identity and back to my records with the original query', async () => {
    const gov = createTestGovernment();
    const me = await renderPage('pages/me/me', { gov });
    await me.tap('#records');
    const opened = fake.stack.at(-1);
    expect(opened?.route).toBe('packages/records/pages/records/records');

    const records = await renderPage('packages/records/pages/records/records', { gov, query: opened?.query });
    const toIdentity = fake.navigations.at(-1);
    expect(toIdentity?.kind).toBe('redirectTo');
    const identityEntry = fake.stack.at(-1);
    expect(identityEntry?.route).toBe('pages/identity/identity');

    const identity = await renderPage('pages/identity/identity', { gov, query: identityEntry?.query });
    const li = resident('r02');
    await identity.fire('#consent', 'change', { value: ['general', 'id'] });
    await identity.tap('#consent-continue');
    await identity.input('#name', li.name);
    await identity.input('#idNumber', li.idNumber);
    await identity.input('#mobile', li.mobile);
    await identity.tap('#send-code');
    await identity.input('#smsCode', /(\d{6})/.exec(identity.textOf('#code-hint'))?.[1] ?? '');
    await identity.tap('#submit');
    await identity.tap('#continue');
    expect(fake.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/packages/records/pages/records/records' });

    const back = fake.stack.at(-1);
    const after = await renderPage('packages/records/pages/records/records', { gov, query: back?.query });
    expect(after.text()).toContain('实名认证（3405**********001X）');
    [me, records, identity, after].forEach(expectWithinBudgets);
  });

  it('sends a person whose session the government forgot back through identity', async () => {
    const gov = createTestGovernment();
    fake.storage.set('session.token', 'tk_forgotten');
    fake.encryptedKeys.add('session.token');
    fake.storage.set('session.profile', { level: 'verified', nameMasked: '*明', idMasked: '3405**********001X', mobileMasked: '138****0002', sex: 'male', age: 46, newResident: false });
    const page = await renderPage('packages/records/pages/records/records', { gov, query: { a: 'b' } });
    expect(fake.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent('/packages/records/pages/records/records?a=b')}` });
    expect(fake.storage.has('session.token')).toBe(false);
    expectWithinBudgets(page);
  });
});
