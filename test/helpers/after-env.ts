// Each test starts with empty storage, a fresh page stack and default fake answers.
import { resetFakeWx } from './fake-wx';

beforeEach(() => {
  resetFakeWx();
});
