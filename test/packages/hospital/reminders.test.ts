import { DECLINED_KEY, TEMPLATES, askForReminder } from '../../../miniprogram/packages/hospital/reminders';
import { fake } from '../../helpers/fake-wx';

const APP_ID = 'wx5c1c7e5e7a1d0001';
const TEMPLATE = 'T8cZ3bookingReminder01';

describe('the day-before reminder', () => {
  afterEach(() => jest.restoreAllMocks());

  it('has the template configured for the app\'s appid and none for the tourist appid', () => {
    expect(TEMPLATES.get(APP_ID)).toBe(TEMPLATE);
    expect(TEMPLATES.get('touristappid')).toBeUndefined();
    expect(TEMPLATES.get('constructor')).toBeUndefined();
  });

  it('asks WeChat at once, inside the caller\'s tap, and passes on an acceptance', async () => {
    fake.appId = APP_ID;
    const ask = jest.spyOn(wx, 'requestSubscribeMessage');
    const answer = askForReminder();
    // Called before the caller awaits anything: WeChat allows the request only inside the tap.
    expect(ask).toHaveBeenCalledTimes(1);
    await expect(answer).resolves.toEqual({ result: 'accept', templateId: TEMPLATE });
    expect(fake.subscribeRequests).toEqual([[TEMPLATE]]);
    expect(fake.storage.has(DECLINED_KEY)).toBe(false);
  });

  it('says unavailable without asking under the tourist appid', async () => {
    fake.appId = 'touristappid';
    await expect(askForReminder()).resolves.toEqual({ result: 'unavailable' });
    expect(fake.subscribeRequests).toEqual([]);
  });

  it('remembers a refusal and does not ask again', async () => {
    fake.appId = APP_ID;
    fake.subscribeAnswer = 'reject';
    await expect(askForReminder()).resolves.toEqual({ result: 'reject', templateId: TEMPLATE });
    expect(fake.storage.get(DECLINED_KEY)).toBe(true);
    fake.subscribeAnswer = 'accept';
    await expect(askForReminder()).resolves.toEqual({ result: 'reject', templateId: TEMPLATE });
    expect(fake.subscribeRequests).toHaveLength(1);
  });

  it('treats a request WeChat refuses (subscriptions switched off) as unavailable, remembering nothing', async () => {
    fake.appId = APP_ID;
    fake.subscribeAnswer = 'fail';
    await expect(askForReminder()).resolves.toEqual({ result: 'unavailable', templateId: TEMPLATE });
    expect(fake.storage.has(DECLINED_KEY)).toBe(false);
    fake.subscribeAnswer = 'accept';
    await expect(askForReminder()).resolves.toEqual({ result: 'accept', templateId: TEMPLATE });
    expect(fake.subscribeRequests).toHaveLength(2);
  });
});
