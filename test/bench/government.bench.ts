// `npm run bench`: timings of the embedded government, printed as min / median / max over repeated
// runs. It never fails on a time (machines are shared and noisy); tests assert counts instead.
import { createGovernment } from '../../miniprogram/mock/index';
import { createClock, memoryStorage, resident, verifiedToken } from '../helpers/government';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);

async function timings(call: () => Promise<unknown>): Promise<string> {
  await call();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await call();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const f = (n: number): string => n.toFixed(2);
  return `min ${f(ms[0])}  median ${f(ms[Math.floor(ms.length / 2)])}  max ${f(ms[ms.length - 1])} ms`;
}

async function scale(notices: number, lines: string[]): Promise<void> {
  const stored = new Map<string, string>();
  const government = createGovernment({ clock: createClock(), storage: memoryStorage(stored), secret: 'bench', config: { exposeSmsCode: true, busyNoticeCount: notices } });
  const token = await verifiedToken(government, 'r06');
  const headers = { authorization: `Bearer ${token}` };
  const car = resident('r06').vehicles[0];
  const bound = await government.handle({ method: 'POST', path: '/fines/vehicles', headers, body: JSON.stringify({ plate: car.plate, plateType: car.plateType, vinLast6: car.vin.slice(-6) }) });
  const id = (bound.body as { id: string }).id;
  lines.push(`notices page (${notices} on the vehicle): ${await timings(() => government.handle({ method: 'GET', path: `/fines/vehicles/${id}/notices`, headers }))}`);
  if (notices !== 200) return;
  lines.push(`who-am-I: ${await timings(() => government.handle({ method: 'GET', path: '/identity/me', headers }))}`);
  lines.push(`records: ${await timings(() => government.handle({ method: 'GET', path: '/records', headers }))}`);
  lines.push(`vehicles: ${await timings(() => government.handle({ method: 'GET', path: '/fines/vehicles', headers }))}`);
  let n = 0;
  lines.push(`persisting write (SMS code): ${await timings(() => {
    n += 1;
    return government.handle({ method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: `139${String(n).padStart(8, '0')}` }) });
  })}`);
  const sizes = [...stored.entries()].map(([key, value]) => [key, value.length] as const).sort((a, b) => b[1] - a[1]);
  lines.push(`state: ${stored.size} keys, ${(sizes.reduce((sum, [, size]) => sum + size, 0) / 1024).toFixed(1)} KB in all, largest ${sizes[0][0]} ${(sizes[0][1] / 1024).toFixed(1)} KB`);
}

/** The hospital's heaviest reads (the 60-doctor department, a doctor's 14 days, a symptom search) and a booking. */
async function hospital(lines: string[]): Promise<void> {
  const government = createGovernment({ clock: createClock(), storage: memoryStorage(new Map()), secret: 'bench', config: { exposeSmsCode: true } });
  const headers = { authorization: `Bearer ${await verifiedToken(government, 'r02')}` };
  const get = (path: string, query?: Record<string, string>) => government.handle({ method: 'GET', path, headers, query });
  lines.push(`department with 60 doctors: ${await timings(() => get('/health/departments/h1-general-practice'))}`);
  lines.push(`doctor, 14 days of slots: ${await timings(() => get('/health/doctors/h1-cardiology-1'))}`);
  lines.push(`search 发烧: ${await timings(() => get('/health/search', { q: '发烧' }))}`);
  const doctor = (await get('/health/doctors/h1-general-practice-2')).body as { days: { slots: { id: string; remaining: number }[] }[] };
  const free = doctor.days.flatMap((day) => day.slots.filter((slot) => slot.remaining > 0));
  let n = 0;
  lines.push(`book and cancel a slot: ${await timings(async () => {
    n += 1;
    const slot = free[n % free.length];
    const booked = await government.handle({ method: 'POST', path: '/health/bookings', headers: { ...headers, 'idempotency-key': `bench-${n}` }, body: JSON.stringify({ slotId: slot.id, departmentId: 'h1-general-practice', patientId: 'self' }) });
    const id = (booked.body as { id?: string }).id ?? '';
    await government.handle({ method: 'POST', path: `/health/bookings/${id}/cancel`, headers: { ...headers, 'idempotency-key': `bench-c-${n}` } });
  })}`);
}

describe('bench', () => {
  it('prints timings', async () => {
    const lines: string[] = [];
    await hospital(lines);
    for (const notices of [200, 2000, 20000]) await scale(notices, lines);
    process.stdout.write(`\n${lines.join('\n')}\n`);
    expect(lines.length).toBeGreaterThan(3);
  }, 120000);
});
