// `npm run bench:load [-- --residents 200 --in-flight 16 --memory]`: the bounded load test (issue 15 item
// 4). 200 simulated residents, 20 requests each (mix.ts), at most 16 in flight, against the government
// server over real HTTP on loopback (its state in a file, as `npm run government` keeps it; `--memory`:
// in memory), then the same mix against the embedded government in-process, printed side by side.
// Exits 1 on any error or invariant violation, never on a time. scripts/bench-load.js bundles and runs it.
import { storedOrders } from '../../helpers/government';
import { REQUESTS_PER_RESIDENT, runResident, type ResidentOutcome, type Sample } from './mix';
import { embeddedTarget, serverTarget, type Target } from './targets';

export interface LoadOptions { residents: number; inFlight: number; memory: boolean }

export interface RunFigures {
  name: string;
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  violations: string[];
  errorSamples: string[];
  stored: { bytes: number; largest: [string, number][] };
  /** The steps with the slowest p99, for where the tail comes from. */
  slowest: { step: string; p50: number; p99: number }[];
}

function parseOptions(argv: readonly string[]): LoadOptions {
  const count = (flag: string, otherwise: number): number => {
    const at = argv.indexOf(flag);
    const value = at >= 0 ? Number(argv[at + 1]) : NaN;
    return Number.isInteger(value) && value > 0 ? value : otherwise;
  };
  return { residents: count('--residents', 200), inFlight: count('--in-flight', 16), memory: argv.includes('--memory') };
}

const percentile = (sorted: readonly number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

/** The residents, `inFlight` at a time (each resident's requests in order), so no more requests than that are ever in flight. */
async function drive(target: Target, options: LoadOptions): Promise<RunFigures> {
  const outcomes: ResidentOutcome[] = [];
  let next = 0;
  const began = performance.now();
  const worker = async (): Promise<void> => {
    while (next < options.residents) {
      const n = next;
      next += 1;
      outcomes[n] = await runResident(target, n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.inFlight, options.residents) }, worker));
  const seconds = (performance.now() - began) / 1000;
  const samples: Sample[] = outcomes.flatMap((o) => o.samples);
  const violations = [...outcomes.flatMap((o) => o.violations), ...globalViolations(target, outcomes, options)];
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failed = samples.filter((s) => s.error !== null);
  return {
    name: target.name,
    requests: samples.length,
    seconds,
    throughput: samples.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: failed.length,
    violations,
    errorSamples: failed.slice(0, 5).map((s) => `${s.step}: ${s.error}`),
    stored: target.stored(),
    slowest: slowestSteps(samples),
  };
}

function slowestSteps(samples: readonly Sample[]): RunFigures['slowest'] {
  const byStep = new Map<string, number[]>();
  samples.forEach((s) => byStep.set(s.step, [...(byStep.get(s.step) ?? []), s.ms]));
  return [...byStep]
    .map(([step, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return { step, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    })
    .sort((a, b) => b.p99 - a.p99)
    .slice(0, 3);
}

/** What must hold across everybody: every request made, one paid order per resident, no place booked past its capacity. */
function globalViolations(target: Target, outcomes: readonly ResidentOutcome[], options: LoadOptions): string[] {
  const out: string[] = [];
  const made = outcomes.reduce((sum, o) => sum + o.samples.length, 0);
  if (made !== options.residents * REQUESTS_PER_RESIDENT) out.push(`${made} requests made, not ${options.residents * REQUESTS_PER_RESIDENT}`);
  const orders = Object.values(storedOrders(target.government()));
  const paid = orders.filter((order) => order.status === 'paid');
  if (paid.length !== options.residents) out.push(`${paid.length} paid orders for ${options.residents} residents`);
  const ours = new Set(outcomes.map((o) => o.orderId));
  if (paid.some((order) => !ours.has(order.id))) out.push('a paid order nobody made');
  const bookings = outcomes.flatMap((o) => (o.booking ? [o.booking] : []));
  if (new Set(bookings.map((b) => b.id)).size !== bookings.length) out.push('two residents answered with one booking');
  const perSlot = new Map<string, { count: number; capacity: number }>();
  bookings.forEach((b) => perSlot.set(b.slotId, { count: (perSlot.get(b.slotId)?.count ?? 0) + 1, capacity: b.capacity }));
  perSlot.forEach((slot, id) => {
    if (slot.count > slot.capacity) out.push(`place ${id} booked ${slot.count} times for ${slot.capacity} places`);
  });
  return out;
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);

function table(server: RunFigures, embedded: RunFigures): string {
  const rows: [string, (f: RunFigures) => number, number][] = [
    ['requests', (f) => f.requests, 0],
    ['wall time (s)', (f) => f.seconds, 2],
    ['throughput (req/s)', (f) => f.throughput, 0],
    ['p50 latency (ms)', (f) => f.p50, 2],
    ['p95 latency (ms)', (f) => f.p95, 2],
    ['p99 latency (ms)', (f) => f.p99, 2],
    ['errors', (f) => f.errors, 0],
    ['invariant violations', (f) => f.violations.length, 0],
  ];
  const pad = (text: string, width: number): string => text.padStart(width);
  const lines = [`${'metric'.padEnd(22)}${pad(server.name, 16)}${pad(embedded.name, 12)}${pad('server/embedded', 17)}`];
  rows.forEach(([name, of, digits]) => {
    const a = of(server);
    const b = of(embedded);
    const ratio = b === 0 ? (a === 0 ? '-' : 'n/a') : fixed(a / b, 2);
    lines.push(`${name.padEnd(22)}${pad(fixed(a, digits), 16)}${pad(fixed(b, digits), 12)}${pad(ratio, 17)}`);
  });
  return lines.join('\n');
}

/** Runs both, prints the table; resolves the exit code (1 on any error or violation). */
export async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const server = await serverTarget(options.inFlight, options.memory);
  let overHttp: RunFigures;
  try {
    overHttp = await drive(server, options);
  } finally {
    await server.close();
  }
  const inProcess = await drive(embeddedTarget(), options);
  const out = process.stdout;
  out.write(`Load test: ${options.residents} residents x ${REQUESTS_PER_RESIDENT} requests, at most ${options.inFlight} in flight; ` +
    `server state ${server.stateFile ? 'in a file (saved before each answer)' : 'in memory'}\n`);
  out.write(`${table(overHttp, inProcess)}\n`);
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
  [overHttp, inProcess].forEach((run) => {
    out.write(`${run.name} slowest steps (p50 / p99 ms): ${run.slowest.map((s) => `${s.step} ${fixed(s.p50, 1)} / ${fixed(s.p99, 1)}`).join(', ')}\n`);
    out.write(`${run.name} keeps ${kb(run.stored.bytes)} after the run; largest keys: ${run.stored.largest.map(([key, bytes]) => `${key} ${kb(bytes)}`).join(', ')}\n`);
  });
  [overHttp, inProcess].forEach((run) => {
    run.errorSamples.forEach((line) => out.write(`${run.name} error: ${line}\n`));
    run.violations.slice(0, 10).forEach((line) => out.write(`${run.name} violation: ${line}\n`));
  });
  const bad = overHttp.errors + inProcess.errors + overHttp.violations.length + inProcess.violations.length;
  out.write(bad === 0 ? 'OK: 0 errors, 0 invariant violations\n' : `FAILED: ${overHttp.errors + inProcess.errors} errors, ${overHttp.violations.length + inProcess.violations.length} invariant violations\n`);
  return bad === 0 ? 0 : 1;
}
