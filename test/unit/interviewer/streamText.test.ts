import assert from 'node:assert/strict';
import { splitWords, streamText } from '../../../backend/src/interviewer/streamText';

async function drain(text: string, signal: AbortSignal, abortAfter = Infinity, controller?: AbortController): Promise<string[]> {
  const got: string[] = [];
  for await (const delta of streamText(text, signal)) {
    got.push(delta);
    if (got.length >= abortAfter) controller?.abort();
  }
  return got;
}

describe('streamText', () => {
  it('splits a reply into one word per delta, keeping every character', async () => {
    const text = 'Go ahead and code it up;  talk me\nthrough it.';
    const deltas = await drain(text, new AbortController().signal);
    assert.equal(deltas.join(''), text);
    assert.equal(deltas.length, 10);
    for (const delta of deltas) assert.equal(delta.trim().split(/\s+/).length, 1);
  });

  it('yields nothing for an empty or blank reply', async () => {
    assert.deepEqual(splitWords('   '), []);
    assert.deepEqual(await drain('', new AbortController().signal), []);
  });

  it('stops as soon as the signal is aborted', async () => {
    const controller = new AbortController();
    const deltas = await drain('one two three four five', controller.signal, 2, controller);
    assert.deepEqual(deltas, ['one ', 'two ']);
  });

  it('yields nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await drain('one two', controller.signal), []);
  });
});
