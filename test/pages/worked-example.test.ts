// The worked example of docs/testing.md (a test holds the guide to this file, so it cannot go stale):
// a resident binds a car from the bind page, one mistake first, then looks at the government's record.
import { fake } from '../helpers/fake-wx';
import { createTestGovernment } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';
import { signInAs } from '../helpers/session';
import { policeState, vehicleIdOf } from '../helpers/police';

describe('worked example: binding a car', () => {
  it('binds 李明\'s car after he corrects the VIN, and the police record the binding', async () => {
    // 1. A government of our own, and a test resident already verified on this phone (docs/test-residents.md).
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');

    // 2. Render the page as WeChat would open it (the real WXML, compiled by WeChat's compiler).
    const page = await renderPage('packages/fines/pages/bind/bind', { gov });

    // 3. Type and tap like a person: province picker, plate, the VIN's last 6 with a typo.
    await page.fire('#province', 'change', { value: 0 });
    await page.input('#rest', 'b12345');
    await page.input('#vin', '18374');
    await page.tap('#submit');

    // 4. Assert what the resident sees: the message beside the field, and what they typed kept.
    expect(page.textOf('#vin-error')).toBe('请输入车辆识别代号的最后 6 位，您输入了 5 位');
    expect(page.data.rest).toBe('B12345');

    // 5. Correct it and send; the page goes on to the car's notices.
    await page.input('#vin', '183745');
    await page.tap('#submit');
    expect(fake.navigations.at(-1)?.url).toBe(`/packages/fines/pages/notices/notices?vehicle=${vehicleIdOf('粤B12345')}`);

    // 6. Assert what the government recorded, not only the screen.
    expect(policeState(gov.government.inspect()).bindings['p-r02']).toEqual([vehicleIdOf('粤B12345')]);

    // 7. End with the budget audit: setData calls and bytes per action, WXML nodes, depth, children.
    expectWithinBudgets(page);
  });
});
