import assert from 'node:assert/strict';
import { initialMemory } from '../../../backend/src/interviewer/interviewer';
import { parseMemory, sameMemory } from '../../../backend/src/interviewer/local/memory';

describe('interviewer memory parser', () => {
  it('fills fields an older session never stored with their defaults', () => {
    const old = { lastCodeHash: 'abc', lastCodeLines: 7, clarifyingQuestions: 2, hintsGiven: 1, stageTurns: 3 };
    assert.deepEqual(parseMemory(old), { ...initialMemory(), ...old });
  });

  it('replaces only the corrupt field, keeping the rest', () => {
    const parsed = parseMemory({ ...initialMemory(), hintsGiven: 'two', asked: ['complexity'] });
    assert.equal(parsed.hintsGiven, 0);
    assert.deepEqual(parsed.asked, ['complexity']);
  });

  it('falls back to fresh memory for something that is not an object', () => {
    assert.deepEqual(parseMemory(null), initialMemory());
    assert.deepEqual(parseMemory('{}'), initialMemory());
  });

  it('compares memories by value', () => {
    assert.ok(sameMemory(initialMemory(), parseMemory({})));
    assert.ok(!sameMemory(initialMemory(), { ...initialMemory(), hintsGiven: 1 }));
  });
});
