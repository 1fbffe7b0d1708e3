import assert from 'node:assert/strict';
import { createFrameQueue, BoundedQueue } from '../../../backend/src/pipeline/queue';
import {
  audioIn, end, interrupt, isDataFrame, isSystemFrame, llmText, ttsAudio, turnEnd, userStartedSpeaking, type Frame,
} from '../../../backend/src/pipeline/frames';

const tick = () => new Promise((r) => setImmediate(r));
const describeFrame = (f: Frame) => ('turnId' in f ? `${f.kind}:${f.turnId}` : f.kind);

describe('frames', () => {
  it('sorts every kind into system or data, and only data frames carry a turn', () => {
    const system = [userStartedSpeaking(1), interrupt('t'), audioIn(new Int16Array(320), 0, 5), end()];
    const data = [llmText('t', 'Hi'), ttsAudio('t', new Int16Array(320), 0), turnEnd('t')];
    for (const f of system) assert.ok(isSystemFrame(f) && !isDataFrame(f), f.kind);
    for (const f of data) assert.ok(isDataFrame(f) && !isSystemFrame(f) && f.turnId === 't', f.kind);
  });
});

describe('BoundedQueue', () => {
  it('makes a producer wait while full and lets it on as the consumer takes items', async () => {
    const q = new BoundedQueue<number>({ capacity: 2 });
    const pushed: number[] = [];
    const producer = (async () => { for (let i = 0; i < 5; i++) { await q.push(i); pushed.push(i); } q.close(); })();
    await tick();
    assert.deepEqual(pushed, [0, 1], 'the third push waits for space');
    assert.equal(q.size, 2);
    const got: number[] = [];
    for await (const n of q) got.push(n);
    await producer;
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
  });

  it('serves system frames first and never holds them back, even when full', async () => {
    const q = createFrameQueue(1);
    await q.push(ttsAudio('t1', new Int16Array(320), 0));
    let secondQueued = false;
    void q.push(ttsAudio('t1', new Int16Array(320), 1)).then(() => { secondQueued = true; });
    assert.equal(await Promise.race([q.push(interrupt('t1')), tick().then(() => 'blocked')]), true);
    await q.push(userStartedSpeaking(7));
    assert.equal(secondQueued, false);
    assert.equal((await q.shift())?.kind, 'interrupt');
    assert.equal((await q.shift())?.kind, 'user-started-speaking');
    assert.equal((await q.shift())?.kind, 'tts-audio');
  });

  it('clearTurn drops the turn\'s queued and waiting frames, and its later pushes, but not other turns', async () => {
    const q = createFrameQueue(2);
    await q.push(llmText('old', 'a'));
    await q.push(ttsAudio('old', new Int16Array(1), 0));
    const waiting = q.push(ttsAudio('old', new Int16Array(1), 1));
    const otherWaiting = q.push(llmText('next', 'b'));
    assert.equal(q.clearTurn('old'), 3);
    assert.equal(await waiting, false, 'a producer blocked on the full queue is released with false');
    assert.equal(await otherWaiting, true, 'the freed space admits the other turn');
    assert.equal(await q.push(turnEnd('old')), false, 'a late frame of the cleared turn is dropped');
    await q.push(audioIn(new Int16Array(320), 3, 60));
    q.close();
    const rest: string[] = [];
    for await (const f of q) rest.push(describeFrame(f));
    assert.deepEqual(rest, ['audio-in', 'llm-text:next']);
  });

  it('close releases waiting producers with false and ends consumers after the queue drains', async () => {
    const q = new BoundedQueue<string>({ capacity: 1 });
    await q.push('kept');
    const blocked = q.push('dropped');
    q.close();
    assert.equal(await blocked, false);
    assert.equal(await q.shift(), 'kept');
    assert.equal(await q.shift(), undefined);
    assert.equal(await q.push('late'), false);
  });

  it('a waiting consumer gets the next item directly', async () => {
    const q = new BoundedQueue<number>({ capacity: 1 });
    const next = q.shift();
    await q.push(42);
    assert.equal(await next, 42);
    assert.equal(q.size, 0);
  });
});
