// Bills as a resident reads and types them (a review of issue 10, kept): one bill and one day in English,
// the late-fee rule naming the bill's own company, and the holder's whole name taken as a proof.
import { createClock, createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { ACCOUNTS, bindAs } from './helpers';

const ROUTE = 'packages/bills/pages/account/account';

describe('bills words and proofs: account page words', () => {
  it('says "1 bill" and "1 day" in English, not "1 bills" and "1 days"', async () => {
    // Li Ming's (r02) one unpaid bill, due 2026-11-20, seen on 2026-11-21: one bill, one day late.
    const gov = createTestGovernment(createClock(Date.parse('2026-11-21T10:00:00+08:00')));
    const token = await signInAs(gov, 'r02');
    const account = await bindAs(gov, token, 'liPower');
    const page = await renderPage(ROUTE, { gov, query: { id: account.id }, language: 'en' });
    const total = page.textOf('#total-label');
    const row = page.textOf('#due-0');
    expect({ total, row }).toEqual({ total: expect.not.stringMatching(/\b1\s+bills\b/), row: expect.not.stringMatching(/\b1\s+days\b/) });
    expectWithinBudgets(page);
  });

  it('in Chinese, the late-fee rule under an electricity bill names only the power company, not 供水、供气', async () => {
    const gov = createTestGovernment(createClock());
    const token = await signInAs(gov, 'r01');
    const account = await bindAs(gov, token, 'wangPower');
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    // The rule line names all three companies (供电、供水、供气) on an electricity bill.
    expect(page.textOf('#rule')).not.toContain('供水');
    expectWithinBudgets(page);
  });
});

describe('bills words and proofs: the proof a resident types', () => {
  it('takes the holder\'s full name (王芳) as well as the surname, instead of counting it as a failed try', async () => {
    const gov = createTestGovernment(createClock());
    const token = await signInAs(gov, 'r01');
    const a = await gov.government.handle({ method: 'POST', path: '/bills/accounts/check', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'full-name' }, body: JSON.stringify({ ...ACCOUNTS.wangPower, proof: '王芳' }) });
    expect(a.status).toBe(200);
  });
});
