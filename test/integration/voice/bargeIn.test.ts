import { strict as assert } from 'node:assert';
import { finish, joinedAfterIntro, speech, startVoiceRig, storedTurn, waitFor, type VoiceRig } from './support';
import { sleep } from './voiceClient';

const QUESTION = 'can the array contain negative numbers';
const INTERRUPTION = 'wait i have another question about the empty array';
/** About six seconds of espeak-ng: time enough to talk over it. */
const LONG_REPLY = 'Yes, it can. The values may be negative, zero or positive, and they can repeat. '
  + 'Think about what that means for an approach that sorts the array first.';

describe('voice interview over the real WebSocket: candidate speech while the interviewer talks', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  before(async () => {
    rig = await startVoiceRig();
    for (const text of [QUESTION, INTERRUPTION, 'okay']) speech(text);
  });

  /** Asks the question and waits until the long reply has played for a moment; returns its turn id. */
  async function replyPlaying(client: Awaited<ReturnType<typeof joinedAfterIntro>>): Promise<string> {
    rig.interviewer.replies = [LONG_REPLY];
    await client.say(speech(QUESTION));
    const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 20_000);
    const reply = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer));
    await client.audioFor(reply.turnId, 32_000); // two seconds sent: the first sentence has been played
    assert.equal(client.playingTurn, reply.turnId);
    return reply.turnId;
  }

  it('barge-in: speaking over the reply clears its audio at once, and the stored turn keeps only what was heard', async () => {
    const client = await joinedAfterIntro(rig);
    const turnId = await replyPlaying(client);
    const onsetAt = Date.now();
    const speaking = client.say(speech(INTERRUPTION));
    const clear = await client.next('audio/clear', (m) => m.turnId === turnId, 10_000);
    const clearedAt = client.received.indexOf(clear);
    const framesAtClear = client.audioOf(turnId).length;
    const played = await client.next('turn/didComplete', (m) => m.turn.id === turnId, 10_000);
    await sleep(500);
    // Nothing of the turn after the clear (at most one frame already on the wire when it was sent).
    assert.ok(client.audioOf(turnId).length - framesAtClear <= 1, `${client.audioOf(turnId).length - framesAtClear} frames after audio/clear`);
    assert.ok(client.samplesOf(turnId) < 16_000 * 6, 'far less than the whole reply was sent');
    assert.equal(played.turn.interrupted, true);
    // The first sentence was played in full before the cut, the second (seconds long) was not.
    assert.equal(played.turn.text, 'Yes, it can.');
    const stored = await storedTurn(rig, turnId);
    assert.equal(stored.interrupted, true);
    assert.equal(stored.text, played.turn.text);
    assert.ok(client.received.indexOf(played) > clearedAt);
    console.log(`      [voice] speech onset → audio/clear ${client.receivedAt.get(clear)! - onsetAt} ms; stored "${played.turn.text}"`);

    // The interruption itself is the candidate's next turn, stored after the interrupted one.
    await speaking;
    const next = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate' && m.turn.seq > played.turn.seq, 20_000);
    assert.match(next.turn.text, /\bempty\b|\bquestion\b|\barray\b/);
    await finish(client);
  });

  it('a short "okay" while the interviewer talks is a backchannel: the reply plays on and no turn is stored for it', async () => {
    const client = await joinedAfterIntro(rig);
    const turnId = await replyPlaying(client);
    const turnsBefore = client.all('turn/didComplete').length;
    await client.say(speech('okay'));
    const reply = await client.next('turn/didComplete', (m) => m.turn.id === turnId, 20_000);
    assert.equal(reply.turn.interrupted, false);
    assert.equal(reply.turn.text, LONG_REPLY);
    assert.equal(client.all('audio/clear').length, 0);
    await waitFor(() => client.playingTurn === null, 5_000, 'the reply to finish playing');
    await sleep(2_500); // long enough for a stray "okay" turn to be decided and stored
    assert.deepEqual(client.all('turn/didComplete').slice(turnsBefore).map((m) => m.turn.id), [turnId], 'no candidate turn for the backchannel');
    await finish(client);
  });
});
