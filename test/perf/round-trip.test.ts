// DESIGN.md: an embedded round trip (service call -> mock -> typed answer) stays well under 5 ms
// besides the configured latency. Measured here on reads and on state-changing calls.
import { saveSession } from '../../miniprogram/core/session';
import { useTransport } from '../../miniprogram/services/api';
import { refreshIdentity } from '../../miniprogram/services/identity';
import { listRecords } from '../../miniprogram/services/records';
import { bindVehicle, listNotices, listVehicles } from '../../miniprogram/services/fines';
import { createTestGovernment, verifiedToken } from '../helpers/government';

async function averageMs(runs: number, call: () => Promise<unknown>): Promise<number> {
  await call();
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) await call();
  return (performance.now() - start) / runs;
}

describe('embedded round trip', () => {
  it('answers reads and writes in well under 5 ms each, with 200 notices seeded', async () => {
    const gov = createTestGovernment();
    useTransport(gov.transport);
    await saveSession(await verifiedToken(gov.government, 'r06'), null);
    const car = await bindVehicle({ plate: '粤A88888', plateType: 'small', vinLast6: '200001' });
    const reads = await averageMs(100, () => listNotices(car.id));
    const me = await averageMs(100, () => refreshIdentity());
    const records = await averageMs(100, () => listRecords());
    const vehicles = await averageMs(100, () => listVehicles());
    // A state-changing call: the government digests it, keeps it for replays and persists its state.
    const token = await verifiedToken(gov.government, 'r01');
    let n = 0;
    const writes = await averageMs(50, async () => {
      n += 1;
      const res = await gov.transport.send({ method: 'POST', path: '/identity/sms', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k${n}` }, body: JSON.stringify({ mobile: `139${String(n).padStart(8, '0')}` }) });
      expect(res.status).toBe(200);
    });
    if (process.env.SHOW_TIMINGS) process.stdout.write(`round trip ms: notices ${reads.toFixed(2)}, me ${me.toFixed(2)}, records ${records.toFixed(2)}, vehicles ${vehicles.toFixed(2)}, write ${writes.toFixed(2)}\n`);
    [reads, me, records, vehicles, writes].forEach((ms) => expect(ms).toBeLessThan(5));
  });
});
