// Against a real government (http), a later face check uses WeChat's face verification, which needs
// the name and ID number again: the device never kept them.
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, resident } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';
import { signInAs } from '../helpers/session';

jest.mock('../../miniprogram/config', () => ({ backendConfig: { kind: 'http', baseUrl: 'https://gov.example.cn', timeoutMs: 1000 } }));

describe('identity page, face check against a real government', () => {
  it('asks for the name and ID again, checks the ID is the verified one, and stores neither', async () => {
    const gov = createTestGovernment();
    const li = resident('r02');
    await signInAs(gov, 'r02');
    fake.faceSupported = true;
    const page = await renderPage('pages/identity/identity', { gov, query: { level: 'face' } });
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
    expect(page.textOf('#form-error')).toBe('人脸核身未通过。请在光线充足处正对镜头重试');
    const stored = JSON.stringify([...fake.storage.entries()]);
    expect(stored).not.toContain(li.idNumber);
    expect(stored).not.toContain(li.name);
    expectWithinBudgets(page);
  });
});
