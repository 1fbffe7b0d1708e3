import { strict as assert } from 'node:assert';
import { Turn } from '../../../backend/src/db/entities';
import { finish, joinedAfterIntro, speech, startVoiceRig, storedTurn, type VoiceRig } from './support';

const QUESTION = 'can the array contain negative numbers';

describe('voice interview over the real WebSocket (pocketsphinx, espeak-ng): a spoken answer', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  before(async () => {
    rig = await startVoiceRig();
    speech(QUESTION);
  });

  it('stores the spoken question as a candidate turn and speaks the reply as audio frames of that turn', async () => {
    const client = await joinedAfterIntro(rig);
    const intro = client.all('turn/didComplete')[0]!.turn;
    assert.ok(client.samplesOf(intro.id) > 16_000, 'the introduction was spoken (over a second of audio)');

    const said = await client.say(speech(QUESTION));
    const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 20_000);
    assert.match(answer.turn.text, /\barray\b/);
    assert.match(answer.turn.text, /\bnegative\b|\bnumbers\b/);
    assert.ok(client.all('transcript/partial').some((p) => p.text.includes('array')), 'a live caption showed the words');

    const started = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer));
    await client.audioFor(started.turnId, 16_000);
    const reply = await client.next('turn/didComplete', (m) => m.turn.id === started.turnId, 20_000);
    assert.equal(reply.turn.speaker, 'interviewer');
    assert.equal(reply.turn.interrupted, false);
    assert.match(reply.turn.text, /^You said: .*array/);
    // espeak-ng speaks this reply in well over a second; all of it arrived, tagged with the turn's id, in order.
    const frames = client.audioOf(started.turnId);
    assert.ok(client.samplesOf(started.turnId) >= 24_000, `${client.samplesOf(started.turnId)} samples`);
    assert.deepEqual(frames.map((f) => f.seq), frames.map((_, i) => i));
    assert.ok(frames.slice(0, -1).every((f) => f.samples === 320), '20 ms frames (the last may be shorter)');

    // The floor goes back to the candidate when the client says the reply finished playing.
    await client.next('voice/didChangeState', (m) => m.state === 'listening' && client.received.indexOf(m) > client.received.indexOf(reply), 5_000);
    const states = client.all('voice/didChangeState').map((s) => s.state);
    assert.deepEqual(states.slice(-3), ['thinking', 'speaking', 'listening']);

    const stored = await storedTurn(rig, started.turnId);
    const voice = stored.latency.voice!;
    assert.equal(voice.from, 'end-of-speech');
    const stages = [voice.endOfTurnMs, voice.firstTokenMs, voice.firstTtsAudioMs, voice.firstAudioSentMs, voice.firstAudioPlayedMs];
    assert.ok(stages.every((ms) => typeof ms === 'number'), JSON.stringify(voice));
    assert.deepEqual([...stages].sort((a, b) => a! - b!), stages, `stages in pipeline order: ${JSON.stringify(voice)}`);
    // The server dates the end of speech within the jitter of the client's frame clock.
    assert.ok(Math.abs(voice.originAt - said.speechEndedAt) < 400, `end of speech ${voice.originAt} vs sent ${said.speechEndedAt}`);
    console.log(`      [voice] heard "${answer.turn.text}"; from end of speech: end of turn ${voice.endOfTurnMs} ms, first token ${voice.firstTokenMs}, `
      + `first TTS audio ${voice.firstTtsAudioMs}, first audio sent ${voice.firstAudioSentMs}, played ${voice.firstAudioPlayedMs}`);
    const candidate = await rig.server.orm.em.fork().findOneOrFail(Turn, { id: answer.turn.id });
    assert.ok(candidate.endedAt.getTime() - candidate.startedAt.getTime() > 1000, 'the candidate turn spans the speech');
    await finish(client);
  });
});
