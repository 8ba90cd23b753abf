// Randomized, model-based fault suite (issue 15): sequences of resident actions through the app's client
// and services (pay a fine, pay the bills, bind an account, book and cancel a doctor, file a report,
// accept a marriage invitation), interleaved with faults: timeouts before and after the government acted,
// 5xx before and after, duplicate deliveries, double taps, app restarts (between steps and right after
// WeChat Pay), government restarts and WeChat Pay's late notification. After each sequence the
// invariants of model.ts hold (no double charge, no place booked twice, no booking or draft lost, every
// charge settled or refund-due with a reference, the government's state equal to the model's).
//
// npm run test:faults runs it (FC_RUNS=<n> sequences per phone, default 600 and 400).
// A failure prints fast-check's seed and path and the line that replays it:
//   FC_SEED=<seed> FC_PATH=<path> FC_REPLAY='<replayPath>' npm run test:faults -- -t "r02's phone"
// (FC_REPLAY is the counterexample's replayPath: fast-check needs it to rebuild a shrunk command list).
import fc from 'fast-check';
import { resetFakeWx } from '../helpers/fake-wx';
import { openApp, signIn } from './app';
import { COMMAND } from './commands';
import { FaultPlan, emptyFigures, type Figures } from './faults';
import { checkInvariants, initialModel, type Model, type Sut } from './model';
import { World, buildFixture, type Fixture, type PhoneKey } from './world';

const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const PATH = process.env.FC_PATH;
const REPLAY = process.env.FC_REPLAY;
const RUNS = process.env.FC_RUNS === undefined ? undefined : Number(process.env.FC_RUNS);
/** Sequences per phone: 1,000 in all by default. */
const PHONES: { key: PhoneKey; runs: number }[] = [
  { key: 'r02', runs: RUNS ?? 600 },
  { key: 'r05', runs: RUNS ?? 400 },
];

const figures: Figures = emptyFigures();
let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
});

afterAll(() => {
  const faults = Object.entries(figures.faults).map(([kind, n]) => `  ${kind}: ${n}`).join('\n');
  const injected = Object.values(figures.faults).reduce((sum, n) => sum + n, 0);
  process.stdout.write(
    `\nFault suite: ${figures.sequences} sequences, ${figures.commands} commands, ${figures.requests} requests, ` +
      `${injected} faults injected, ${figures.invariantChecks} invariant checks; ` +
      `WeChat Pay charges: ${figures.charges.settled} settled, ${figures.charges.refundDue} refund-due\n${faults}\n`,
  );
});

/** A fresh phone and world for one sequence: the fixture's stored government, empty storage, the resident signed in. */
async function setUp(key: PhoneKey): Promise<{ model: Model; real: Sut }> {
  resetFakeWx();
  const world = new World(fixture);
  const phone = fixture.phones[key];
  const plan = new FaultPlan(figures);
  const app = await openApp(world, plan);
  await signIn(app, phone);
  const sut: Sut = {
    world,
    app,
    plan,
    figures,
    phone,
    definition: null,
    restartApp: async () => {
      sut.app = await openApp(world, plan);
      return sut.app;
    },
  };
  return { model: initialModel(world, phone), real: sut };
}

describe.each(PHONES)('resident actions under faults on $key\'s phone', ({ key, runs }) => {
  it(`keeps every invariant over ${runs} generated sequences`, async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.commands([COMMAND], { maxCommands: 12, size: 'medium', replayPath: REPLAY }), async (commands) => {
        figures.sequences += 1;
        const state = await setUp(key);
        await fc.asyncModelRun(() => state, commands);
        await checkInvariants(state.real, state.model);
      }),
      { numRuns: runs, seed: SEED, path: PATH },
    );
    if (!details.failed) return;
    // fast-check's report (seed, path, the shrunk sequence and what broke), with the command that replays it.
    const replayPath = /replayPath="([^"]*)"/.exec(fc.stringify(details.counterexample))?.[1];
    const replay = `FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath ?? ''}${replayPath ? ` FC_REPLAY='${replayPath}'` : ''} npm run test:faults -- -t "${key}'s phone"`;
    throw new Error(`${(await fc.asyncDefaultReportMessage(details)) ?? 'failed'}\n\nReplay: ${replay}\n${String(details.errorInstance ?? '')}`);
  }, 120_000);
});
