// Installed before every test file: the fake wx, getApp and getCurrentPages.
import { createFakeWx, fake } from './fake-wx';

const app = { globalData: { launchedAt: 0 } };

Object.assign(globalThis, {
  wx: createFakeWx(),
  getApp: () => app,
  getCurrentPages: () => fake.stack.map((entry) => ({ route: entry.route, options: entry.query })),
});
