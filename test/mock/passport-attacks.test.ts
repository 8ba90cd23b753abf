// The exit-entry agency against someone trying it on: no token, an unverified session, another person's
// application and photo, replays, oversized bodies and files, malformed fields of every kind (never a 500),
// and a government restarted in the middle of an application.
import type { PassportApplication, PassportApplicationRequest, PhotoResponse } from '../../miniprogram/contracts/passport';
import { createGovernment } from '../../miniprogram/mock/index';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { TEST_MERCHANT_KEY, createClock, createTestGovernment, memoryStorage, verifiedToken, type TestGovernment } from '../helpers/government';
import { goodPhoto, jpegPhoto } from '../helpers/photos';
import { call, request, type Answer, type Gov } from '../packages/civil/helpers';

const OFFICE = 'gz-yuexiu';
const DATE = '2026-11-27';
let keys = 0;

async function upload(gov: Gov, token: string | null, bytes: Uint8Array | null, key = `attack-photo-${(keys += 1)}`): Promise<Answer<PhotoResponse>> {
  const headers: Record<string, string> = { 'idempotency-key': key };
  if (token) headers.authorization = `Bearer ${token}`;
  return (await gov.government.handle({ method: 'POST', path: '/exit-entry/photos', headers, body: '{}', ...(bytes ? { file: { field: 'photo', base64: encodeBase64(bytes) } } : {}) })) as Answer<PhotoResponse>;
}

async function photoId(gov: Gov, token: string): Promise<string> {
  const res = await upload(gov, token, goodPhoto());
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.photo.id;
}

const body = (photo: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'first', photoId: photo, officeId: OFFICE, date: DATE, window: 'am1', collection: 'in-person', declaration: true, ...more,
});

/** The places held in the agency's book (live or not), for counting holds. */
const holds = (gov: TestGovernment): number => Object.keys((gov.government.inspect().agencies['exit-entry'] as { book: { records: Record<string, unknown> } }).book.records).length;

describe('passport applications under attack', () => {
  let gov: TestGovernment;
  let zhang: string;
  let huang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    zhang = await verifiedToken(gov.government, 'r04');
    huang = await verifiedToken(gov.government, 'r09');
  });

  const endpoints: ['GET' | 'POST', string][] = [
    ['GET', '/exit-entry/offices'],
    ['GET', `/exit-entry/offices/${OFFICE}/days`],
    ['GET', '/exit-entry/eligibility'],
    ['GET', '/exit-entry/applications'],
    ['POST', '/exit-entry/applications'],
    ['GET', '/exit-entry/applications/pp-0123456789abcdef'],
    ['POST', '/exit-entry/applications/pp-0123456789abcdef/appointment'],
    ['POST', '/exit-entry/applications/pp-0123456789abcdef/cancel'],
  ];

  it.each(endpoints)('%s %s: 401 without a token, 403 NOT_VERIFIED for an unverified session', async (method, path) => {
    const none = await gov.government.handle({ method, path, headers: { 'idempotency-key': 'k' }, body: '{}' });
    expect([none.status, (none.body as { error: { code: string } }).error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const session = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    const token = (session.body as { token: string }).token;
    const unverified = await gov.government.handle({ method, path, headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k' }, body: '{}' });
    expect([unverified.status, (unverified.body as { error: { code: string } }).error.code]).toEqual([403, 'NOT_VERIFIED']);
  });

  it('the photo upload: 401 without a token, 403 unverified (with a file), 413 over 1 MB, 422 without the file', async () => {
    expect((await upload(gov, null, goodPhoto())).status).toBe(401);
    const session = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    expect((await upload(gov, (session.body as { token: string }).token, goodPhoto())).body.error?.code).toBe('NOT_VERIFIED');
    const huge = await upload(gov, zhang, jpegPhoto(390, 567, 1024 * 1024 + 1));
    expect([huge.status, huge.body.error?.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const missing = await upload(gov, zhang, null);
    expect([missing.status, missing.body.error?.fields]).toEqual([422, { photo: 'FILE_REQUIRED' }]);
    const wrongField = await gov.government.handle({ method: 'POST', path: '/exit-entry/photos', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': 'wf' }, body: '{}', file: { field: 'picture', base64: encodeBase64(goodPhoto()) } });
    expect(wrongField.status).toBe(422);
    // A file sent where none is taken.
    const stray = await gov.government.handle({ method: 'POST', path: '/exit-entry/applications', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': 'st' }, body: '{}', file: { field: 'photo', base64: encodeBase64(goodPhoto()) } });
    expect([stray.status, (stray.body as { error: { code: string } }).error.code]).toEqual([400, 'FILE_NOT_EXPECTED']);
  });

  it('another person\'s application reads as missing on every endpoint, and their photo cannot be used', async () => {
    const app = await call<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', body(await photoId(gov, zhang)));
    expect((await request(gov, huang, 'GET', `/exit-entry/applications/${app.id}`)).status).toBe(404);
    expect((await request(gov, huang, 'POST', `/exit-entry/applications/${app.id}/cancel`)).status).toBe(404);
    expect((await request(gov, huang, 'POST', `/exit-entry/applications/${app.id}/appointment`, { officeId: OFFICE, date: '2026-11-30', window: 'am1' })).status).toBe(404);
    expect((await request<{ items: unknown[] }>(gov, huang, 'GET', '/exit-entry/applications')).body.items).toEqual([]);
    const theirs = await photoId(gov, zhang);
    const stolen = await request(gov, huang, 'POST', '/exit-entry/applications', body(theirs, { kind: 'renewal', renewalReason: 'expiring' }));
    expect([stolen.status, stolen.body.error?.fields]).toEqual([422, { photoId: 'PHOTO_NOT_FOUND' }]);
    // Nothing about the other person leaks: the 404 names nothing.
    const missing = await request(gov, huang, 'GET', `/exit-entry/applications/${app.id}`);
    expect(JSON.stringify(missing.body)).not.toMatch(/张|4401|CR2026/);
    // Paying for another person's application finds nothing to pay.
    const order = await request(gov, huang, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: 12000 });
    expect(order.status).toBe(404);
  });

  it('a replay with the same Idempotency-Key gives the same application and holds one place', async () => {
    const photo = await photoId(gov, zhang);
    const first = await request<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', body(photo), 'same-key');
    const again = await request<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', body(photo), 'same-key');
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(holds(gov)).toBe(1);
    expect((await request<{ items: unknown[] }>(gov, zhang, 'GET', '/exit-entry/applications')).body.items).toHaveLength(1);
    const other = await request(gov, zhang, 'POST', '/exit-entry/applications', body(photo, { window: 'am2' }), 'same-key');
    expect([other.status, other.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    // A cancel replayed answers the first cancel again; a fresh one is refused.
    const cancelled = await request<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${first.body.id}/cancel`, undefined, 'cancel-key');
    const replayed = await request<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${first.body.id}/cancel`, undefined, 'cancel-key');
    expect([cancelled.status, replayed.status, replayed.body.status]).toEqual([200, 200, 'cancelled']);
    expect((await request(gov, zhang, 'POST', `/exit-entry/applications/${first.body.id}/cancel`)).body.error?.code).toBe('NOT_CANCELLABLE');
  });

  it('refuses a body over 64K characters with 413 before anything is done', async () => {
    const res = await request(gov, zhang, 'POST', '/exit-entry/applications', body('x', { delivery: { address: 'a'.repeat(70 * 1024) } }));
    expect([res.status, res.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(gov.government.inspect().agencies['exit-entry']).toBeUndefined();
  });

  it('names every malformed field at once, and changes nothing', async () => {
    const photo = await photoId(gov, zhang);
    const before = gov.snapshot();
    const res = await request(gov, zhang, 'POST', '/exit-entry/applications', {
      kind: 'first', photoId: 42, officeId: '__proto__', date: '2026-02-30', window: 'night', collection: 'delivery',
      delivery: { recipient: 'X1', mobile: '12345', address: '短' }, declaration: 'yes',
    });
    expect(res.status).toBe(422);
    expect(res.body.error?.fields).toEqual({
      photoId: 'WRONG_TYPE', officeId: 'OFFICE_NOT_FOUND', date: 'DATE_FORMAT', window: 'WINDOW_UNKNOWN',
      'delivery.recipient': 'NAME_CHARS', 'delivery.mobile': 'MOBILE_FORMAT', 'delivery.address': 'ADDRESS_LENGTH', declaration: 'DECLARATION_REQUIRED',
    });
    const fields = async (more: Record<string, unknown>) => (await request(gov, zhang, 'POST', '/exit-entry/applications', body(photo, more))).body.error?.fields;
    expect(await fields({ kind: 'third' })).toEqual({ kind: 'UNKNOWN_KIND' });
    expect(await fields({ collection: 'drone' })).toEqual({ collection: 'UNKNOWN_COLLECTION' });
    expect(await fields({ collection: 'delivery' })).toEqual({ 'delivery.recipient': 'REQUIRED', 'delivery.mobile': 'REQUIRED', 'delivery.address': 'REQUIRED' });
    expect(await fields({ collection: 'delivery', delivery: 'my house' })).toEqual({ 'delivery.recipient': 'WRONG_TYPE', 'delivery.mobile': 'WRONG_TYPE', 'delivery.address': 'WRONG_TYPE' });
    expect(await fields({ collection: 'delivery', delivery: { recipient: '张伟', mobile: '13800000004', address: `${'路'.repeat(121)}` } })).toEqual({ 'delivery.address': 'ADDRESS_LENGTH' });
    expect(await fields({ date: '2026-11-22' })).toEqual({ date: 'DATE_PAST' });
    expect(await fields({ date: '2026-12-07' })).toEqual({ date: 'DATE_TOO_FAR' });
    expect(await fields({ date: '2026-11-28' })).toEqual({ date: 'OFFICE_CLOSED' });
    expect(await fields({ photoId: 'ph-0000000000000000' })).toEqual({ photoId: 'PHOTO_NOT_FOUND' });
    expect(await fields({ declaration: false })).toEqual({ declaration: 'DECLARATION_REQUIRED' });
    // The full Wednesday at the busy office.
    const full = await request(gov, zhang, 'POST', '/exit-entry/applications', body(photo, { officeId: 'gz-tianhe', date: '2026-11-25' }));
    expect([full.status, full.body.error?.code, full.body.error?.fields]).toEqual([409, 'WINDOW_FULL', { window: 'WINDOW_FULL' }]);
    expect(gov.snapshot()).toBe(before);
  });

  it('never answers 500, whatever the body', async () => {
    const photo = await photoId(gov, zhang);
    const odd: unknown[] = [
      [], 'text', 42, null, { kind: null }, { kind: ['first'] }, { ...body(photo), delivery: [] }, { ...body(photo), collection: 'delivery', delivery: null },
      { ...body(photo), window: { id: 'am1' } }, { ...body(photo), date: 20261127 }, { ...body(photo), kind: 'renewal', renewalReason: { toString: 1 } },
      { ...body(photo), officeId: 'constructor' }, { ...body(photo), photoId: '__proto__' }, { ...body(photo), date: '9999-12-31' }, { ...body(photo), date: '0000-01-01' },
    ];
    for (const sent of odd) {
      const res = await gov.government.handle({ method: 'POST', path: '/exit-entry/applications', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': `odd-${(keys += 1)}` }, body: JSON.stringify(sent) });
      // One of them is in fact a good application (a delivery address is ignored for collection in person).
      expect(res.status).toBeLessThan(500);
    }
    const paths = ['/exit-entry/offices/__proto__/days', '/exit-entry/offices/%E4%B8%AD/days', '/exit-entry/applications/constructor', '/exit-entry/eligibility'];
    for (const path of paths) expect((await request(gov, zhang, 'GET', path)).status).toBeLessThan(500);
    expect((await request(gov, zhang, 'GET', '/exit-entry/eligibility?kind=__proto__')).status).toBe(422);
    expect((await request(gov, zhang, 'POST', '/exit-entry/applications/constructor/appointment', { officeId: OFFICE, date: '2026-11-30', window: 'am1' })).status).toBe(404);
  });

  it('a government restarted in the middle keeps every application, its hold and its photo', async () => {
    const photo = await photoId(gov, zhang);
    const app = await call<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', body(photo));
    const spare = await photoId(gov, huang);
    const restarted = createGovernment({
      clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(gov.stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true,
      merchant: { key: TEST_MERCHANT_KEY, refund: () => null },
    });
    const again = { government: restarted };
    const read = await call<PassportApplication>(again, zhang, 'GET', `/exit-entry/applications/${app.id}`);
    expect(read).toEqual(app);
    // The photo survives too, and the held place still counts.
    const used = await request(again, zhang, 'POST', '/exit-entry/applications', body(photo));
    expect(used.body.error?.code).toBe('APPLICATION_OPEN');
    const renewal: PassportApplicationRequest = { kind: 'renewal', renewalReason: 'expiring', photoId: spare, officeId: OFFICE, date: DATE, window: 'am1', collection: 'in-person', declaration: true };
    expect((await call<PassportApplication>(again, huang, 'POST', '/exit-entry/applications', renewal)).status).toBe('payment-due');
    const cancelled = await call<PassportApplication>(again, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
  });
});
