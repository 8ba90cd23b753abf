// Against a real government (http), a later face check uses WeChat's face verification, which needs
// the name and ID number again: the device never kept them.
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, resident } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';
import { signInAs } from '../helpers/session';


describe('identity page, face check against a real government', () => {
  it('asks for the name and ID again, checks the ID is the verified one, and stores neither', async () => {
    const gov = createTestGovernment();
    const li = resident('r02');
    await signInAs(gov, 'r02');
    fake.faceSupported = true;
    const page = await renderPage('pages/identity/identity', { gov, query: { level: 'face' }, realGovernment: true });
    expect(page.text()).toContain('认证成功');
    await page.tap('#start-face');
    expect(page.textOf('#form-error')).toBe('人脸核身需要再次输入姓名和身份证号码（只用于这一次核验，不会保存在本机）。');
    await page.tap('#start-face');
    expect(page.textOf('#error-face-idNumber')).toBe('请输入身份证号码');
    await page.input('#face-name', li.name);
    await page.input('#face-idNumber', '11010519491231002X');
    await page.tap('#start-face');
    expect(page.textOf('#error-face-idNumber')).toBe('这不是您实名认证时使用的身份证号码（3405**********001X）');
    expect(fake.faceRequests).toEqual([]);
    await page.input('#face-idNumber', li.idNumber);
    await page.tap('#start-face');
    expect(fake.faceRequests).toEqual([{ name: li.name, idCardNumber: li.idNumber }]);
    // This test's government is the mock, which cannot check a real WeChat result, so it refuses it.
    expect(page.textOf('#form-error')).toBe('人脸核身未通过。请在光线充足处正对镜头重试。');
    const stored = JSON.stringify([...fake.storage.entries()]);
    expect(stored).not.toContain(li.idNumber);
    expect(stored).not.toContain(li.name);
    expectWithinBudgets(page);
  });

  it('says the device cannot do it, and simulates nothing, where WeChat face verification is unavailable', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    fake.faceSupported = false;
    const page = await renderPage('pages/identity/identity', { gov, query: { level: 'face' }, realGovernment: true });
    await page.tap('#start-face');
    expect(page.textOf('#form-error')).toBe('此设备暂不支持微信人脸核身。您已完成实名核验，可以在支持人脸核身的手机上再完成这一步。');
    expect(fake.modals).toEqual([]);
    expect(fake.faceRequests).toEqual([]);
    expect(Object.values(gov.government.inspect().sessions).map((session) => session.level)).not.toContain('face');
    expectWithinBudgets(page);
  });
});
