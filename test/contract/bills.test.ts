/** @jest-environment node */
// Utility bills through the bills package's service, on both targets: an account checked, bound and
// its bills paid, a shared flat, proofs that do not match, another person's account, replays, bad
// bodies and a restart.
import { confirmOrder, startPayment } from '../../miniprogram/services/payments';
import { payWithWeChat } from '../../miniprogram/packages/pay/wallet';
import { billItems, bindAccount, checkAccount, getAccount, listAccounts, listCompanies, renameAccount, unbindAccount } from '../../miniprogram/packages/bills/service';
import { ACCOUNTS } from '../packages/bills/helpers';
import { codeOf, raw, refusal, refused, signIn, targets, useTarget } from './suite';

describe.each(targets())('bills (%s)', (_name, target) => {
  useTarget(target);

  it('a resident checks whose account it is, binds it and pays every unpaid bill in one order', async () => {
    await signIn(target, 'r01');
    expect((await listCompanies()).items.map((c) => c.id)).toEqual(expect.arrayContaining(['gz-power', 'gz-water', 'gz-gas']));
    const preview = await checkAccount(ACCOUNTS.wangPower);
    expect([preview.accountMasked, preview.holderMasked]).toEqual(['******0001', '*芳']);
    const account = await bindAccount({ ...ACCOUNTS.wangPower, label: '家' }, `bind-${target.name}-1`);
    const detail = await getAccount(account.id);
    expect(detail.unpaid.length).toBeGreaterThan(0);
    const total = detail.unpaid.reduce((sum, bill) => sum + bill.dueFen, 0);
    const started = await startPayment(billItems(detail.unpaid), total, `bills-${target.name}-1`);
    if (started.kind !== 'order') throw new Error('expected an order');
    expect(await payWithWeChat(started.order)).toBe('paid');
    const receipt = await confirmOrder(started.order.id);
    expect(receipt.status).toBe('paid');
    const after = await getAccount(account.id);
    expect([after.unpaid.length, after.account.dueFen]).toEqual([0, 0]);
    expect(after.history.filter((bill) => bill.payment?.reference === receipt.reference)).toHaveLength(detail.unpaid.length);
    expect((await listAccounts()).summary.dueFen).toBe(0);
  });

  it('a wrong proof and an unknown account are named beside their fields, and nothing is bound', async () => {
    await signIn(target, 'r02');
    const proof = await refusal(checkAccount({ ...ACCOUNTS.liPower, proof: '王' }));
    expect([proof.status, proof.code, proof.fields]).toEqual([422, 'PROOF_MISMATCH', { proof: 'PROOF_MISMATCH' }]);
    const unknown = await refusal(checkAccount({ ...ACCOUNTS.liPower, accountNumber: '0399999999' }));
    expect([unknown.status, unknown.code, unknown.fields]).toEqual([422, 'ACCOUNT_NOT_FOUND', { accountNumber: 'ACCOUNT_NOT_FOUND' }]);
    const length = await refusal(checkAccount({ ...ACCOUNTS.liPower, accountNumber: '123' }));
    expect([length.status, length.fields.accountNumber]).toEqual([422, 'ACCOUNT_LENGTH']);
    expect((await listAccounts()).items).toHaveLength(0);
  });

  it('a replayed bind answers the same binding once; binding it again with a new key is ALREADY_BOUND', async () => {
    await signIn(target, 'r02');
    const key = `bind-${target.name}-2`;
    const request = { ...ACCOUNTS.liPower, label: '家' };
    const [a, b] = await Promise.all([bindAccount(request, key), bindAccount(request, key)]);
    expect(b.id).toBe(a.id);
    expect((await listAccounts()).items).toHaveLength(1);
    expect(await refused(bindAccount(request, `bind-${target.name}-3`))).toEqual([409, 'ALREADY_BOUND']);
    expect(await refused(bindAccount({ ...request, label: '公司' }, key))).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('another person\'s binding is not found, to read, rename or unbind', async () => {
    await signIn(target, 'r01');
    const water = await bindAccount({ ...ACCOUNTS.wangWater, label: '水' }, `bind-${target.name}-4`);
    await signIn(target, 'r06');
    expect(await refused(getAccount(water.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(renameAccount(water.id, '我的'))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(unbindAccount(water.id))).toEqual([404, 'NOT_FOUND']);
    await signIn(target, 'r01');
    expect((await getAccount(water.id)).account.label).toBe('水');
  });

  it('bad bodies are 4xx with a code: not JSON, a label of only spaces, an unknown utility', async () => {
    const token = await signIn(target, 'r03');
    const broken = await raw(target, 'POST', '/bills/accounts/check', { token, body: '{"utility":"electricity"' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    const label = await refusal(bindAccount({ ...ACCOUNTS.wangGas, label: '   ' }));
    expect([label.status, label.fields.label]).toEqual([422, 'REQUIRED']);
    const utility = await raw(target, 'POST', '/bills/accounts/check', { token, body: JSON.stringify({ ...ACCOUNTS.wangGas, utility: 'steam' }) });
    expect([utility.status, codeOf(utility)]).toEqual([422, 'VALIDATION']);
  });

  it('a binding and its rename survive the government restarting; an unbind does too', async () => {
    await signIn(target, 'r01');
    const gas = await bindAccount({ ...ACCOUNTS.wangGas, label: '燃气' }, `bind-${target.name}-5`);
    await renameAccount(gas.id, '老家燃气');
    await target.restart();
    expect((await getAccount(gas.id)).account.label).toBe('老家燃气');
    await unbindAccount(gas.id);
    await target.restart();
    expect(await refused(getAccount(gas.id))).toEqual([404, 'NOT_FOUND']);
  });
});
