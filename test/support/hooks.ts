// Mocha root hooks (loaded through .mocharc.json): stop every test backend and database at the end.
import { stopAllTestBackends } from './backend';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopAllTestBackends();
  },
};
