import { strict as assert } from 'node:assert';
import { backoffDelay } from '../../../extension/src/connection/backoff';

describe('reconnect backoff', () => {
  const options = { baseMs: 500, capMs: 10_000 };

  it('doubles per attempt between half and all of the ceiling', () => {
    assert.equal(backoffDelay(1, options, () => 0), 250);
    assert.equal(backoffDelay(1, options, () => 1), 500);
    assert.equal(backoffDelay(2, options, () => 1), 1000);
    assert.equal(backoffDelay(4, options, () => 0), 2000);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [6, 10, 100, 10_000]) {
      assert.equal(backoffDelay(attempt, options, () => 1), 10_000);
      assert.equal(backoffDelay(attempt, options, () => 0), 5_000);
    }
  });

  it('spreads clients that retry at the same attempt', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, options)));
    assert.ok(delays.size > 10, `only ${delays.size} distinct delays`);
  });
});
