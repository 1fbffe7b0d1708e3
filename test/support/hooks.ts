// Mocha root hooks (loaded through .mocharc.json): stop every backend, database and browser tests started.
import { runTestRunCleanups } from './cleanup';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await runTestRunCleanups();
  },
};
