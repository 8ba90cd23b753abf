/** @jest-environment node */
// Incident reports through the reports package's service, on both targets: photos sent as wx.uploadFile
// sends them, a report filed with them, replays of both, another person's report and photo, reports
// nearby, bad input, and a restart between the upload and the report.
import type { CreateReportRequest } from '../../miniprogram/contracts/reports';
import { listRecords } from '../../miniprogram/services/records';
import { fileReport, findNearby, followReport, getDefinition, getReport, listMyReports, listServices, rateReport, uploadReportPhoto } from '../../miniprogram/packages/reports/service';
import { fake } from '../helpers/fake-wx';
import { jpegPhoto } from '../helpers/photos';
import { LIGHT_POINT, YUEXIU_POINT } from '../packages/reports/helpers';
import { codeOf, raw, refusal, refused, signIn, targets, useTarget } from './suite';

let photos = 0;

/** A photo the person took, as a temporary file on the device. */
function takenPhoto(bytes: Uint8Array = jpegPhoto(800, 600, 20 * 1024)): string {
  photos += 1;
  const path = `wxfile://tmp/report-${photos}.jpg`;
  fake.files.set(path, bytes);
  return path;
}

const streetLight = (photoIds: string[], point = YUEXIU_POINT): CreateReportRequest => ({
  serviceCode: 'street-light',
  description: '路灯不亮，晚上很黑。',
  location: { lat: point.latitude, long: point.longitude },
  attributes: { 'light-state': 'off' },
  photoIds,
});

describe.each(targets())('reports (%s)', (_name, target) => {
  useTarget(target);

  it('a resident picks a category, uploads two photos and files the report: the department and its day', async () => {
    await signIn(target, 'r03');
    expect((await listServices()).items.map((s) => s.service_code)).toEqual(expect.arrayContaining(['street-light', 'minor-accident']));
    expect((await getDefinition('street-light')).attributes.map((a) => a.code)).toEqual(['pole-number', 'light-state']);
    const first = await uploadReportPhoto(takenPhoto(), `rp-photo-${target.name}-1`);
    const second = await uploadReportPhoto(takenPhoto(jpegPhoto(600, 800, 30 * 1024)), `rp-photo-${target.name}-2`);
    expect([first.photo.type, first.photo.bytes, second.photo.bytes]).toEqual(['jpeg', 20 * 1024, 30 * 1024]);
    const { report, invitation } = await fileReport(streetLight([first.photo.id, second.photo.id]), `rp-${target.name}-1`);
    expect([report.status, report.role, invitation]).toEqual(['submitted', 'reporter', null]);
    expect(report.photos.map((p) => p.id)).toEqual([first.photo.id, second.photo.id]);
    expect(report.sla.expectedBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.location.district.code).toBeTruthy();
    expect((await listMyReports(0, 20)).items.map((r) => r.id)).toContain(report.id);
    expect((await listRecords()).items.filter((r) => r.kind === 'report')).toHaveLength(1);
  });

  it('a replayed upload and a replayed report are the same ones; a used photo cannot go on another report', async () => {
    await signIn(target, 'r04');
    const file = takenPhoto();
    const key = `rp-photo-${target.name}-3`;
    const { photo } = await uploadReportPhoto(file, key);
    expect((await uploadReportPhoto(file, key)).photo.id).toBe(photo.id);
    const reportKey = `rp-${target.name}-2`;
    const [a, b] = await Promise.all([fileReport(streetLight([photo.id]), reportKey), fileReport(streetLight([photo.id]), reportKey)]);
    expect(b.report.id).toBe(a.report.id);
    expect((await listMyReports(0, 20)).total).toBe(1);
    const used = await refusal(fileReport(streetLight([photo.id]), `rp-${target.name}-3`));
    expect([used.status, used.code, used.fields.photoIds]).toEqual([422, 'VALIDATION', 'PHOTO_USED']);
  });

  it('another person\'s report is not found to read or rate; an open one can be followed, without its reporter', async () => {
    await signIn(target, 'r05');
    const { photo } = await uploadReportPhoto(takenPhoto(), `rp-photo-${target.name}-4`);
    const { report } = await fileReport({ ...streetLight([]), contact: { name: '刘洋', mobile: '13800000005' } }, `rp-${target.name}-4`);
    await signIn(target, 'r06');
    expect(await refused(getReport(report.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(rateReport(report.id, { stars: 1 }, `rate-${target.name}-1`))).toEqual([404, 'NOT_FOUND']);
    const stolen = await refusal(fileReport(streetLight([photo.id]), `rp-${target.name}-5`));
    expect([stolen.status, stolen.fields.photoIds]).toEqual([422, 'PHOTO_NOT_FOUND']);
    const followed = await followReport(report.id, `follow-${target.name}-1`);
    expect([followed.role, followed.reporter]).toEqual(['follower', null]);
    expect(JSON.stringify(followed)).not.toContain('13800000005');
    expect((await getReport(report.id)).id).toBe(report.id);
    await signIn(target, 'r05');
    expect(await refused(followReport(report.id, `follow-${target.name}-2`))).toEqual([409, 'OWN_REPORT']);
  });

  it('reports nearby: the seeded street light within 50 m, masked', async () => {
    await signIn(target, 'r07');
    const nearby = await findNearby('street-light', LIGHT_POINT.latitude, LIGHT_POINT.longitude);
    expect(nearby.radiusMetres).toBe(50);
    expect(nearby.items.length).toBeGreaterThan(0);
    expect(nearby.items[0].distanceMetres).toBeLessThanOrEqual(50);
    const wrong = await refusal(findNearby('street-light', 123, LIGHT_POINT.longitude));
    expect([wrong.status, wrong.fields.lat]).toEqual([422, 'OUT_OF_RANGE']);
  });

  it('bad input is a 4xx with a code: every field at once, a file that is no photo, not JSON, rating an open report', async () => {
    const token = await signIn(target, 'r11');
    const fields = await refusal(fileReport({ serviceCode: 'street-light', description: '', location: { lat: 22.3193, long: 114.1694 } }, `rp-${target.name}-6`));
    expect([fields.status, fields.fields.description, fields.fields.location, fields.fields['attributes.light-state']]).toEqual([422, 'DESCRIPTION_REQUIRED', 'OUTSIDE_CITY', 'ATTRIBUTE_REQUIRED']);
    const text = await refusal(uploadReportPhoto(takenPhoto(new TextEncoder().encode('not a photo at all')), `rp-photo-${target.name}-5`));
    expect([text.status, text.fields.photo]).toEqual([422, 'PHOTO_TYPE']);
    const broken = await raw(target, 'POST', '/reports', { token, body: '{"serviceCode": "street-light"' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    const { report } = await fileReport(streetLight([]), `rp-${target.name}-7`);
    expect(await refused(rateReport(report.id, { stars: 5 }, `rate-${target.name}-2`))).toEqual([409, 'REPORT_OPEN']);
  });

  // Over HTTP too: the server's upload limit (10 MB and the form) is the agency's, not the 4 MiB JSON limit.
  it('a photo just over 4 MiB, within the 10 MB the government takes, is taken', async () => {
    await signIn(target, 'r13');
    const bytes = 4 * 1024 * 1024 + 1024;
    const { photo } = await uploadReportPhoto(takenPhoto(jpegPhoto(4000, 3000, bytes)), `rp-photo-${target.name}-7`);
    expect(photo.bytes).toBe(bytes);
  });

  it('a body over 65,536 characters is 413 PAYLOAD_TOO_LARGE, before anything is done with it', async () => {
    const token = await signIn(target, 'r13');
    const long = await raw(target, 'POST', '/reports', { token, body: JSON.stringify({ ...streetLight([]), description: '灯'.repeat(70_000) }) });
    expect([long.status, codeOf(long)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await listMyReports(0, 20)).total).toBe(0);
  });

  it('a photo uploaded before the government restarts goes on a report after it; both survive another restart', async () => {
    await signIn(target, 'r12');
    const { photo } = await uploadReportPhoto(takenPhoto(), `rp-photo-${target.name}-6`);
    await target.restart();
    const { report } = await fileReport(streetLight([photo.id]), `rp-${target.name}-8`);
    await target.restart();
    const again = await getReport(report.id);
    expect([again.status, again.photos.map((p) => p.id)]).toEqual(['submitted', [photo.id]]);
    expect((await fileReport(streetLight([photo.id]), `rp-${target.name}-8`)).report.id).toBe(report.id);
  });
});
