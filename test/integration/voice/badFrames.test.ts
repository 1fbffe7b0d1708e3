import { strict as assert } from 'node:assert';
import { encodeCandidateAudio } from '../../../protocol/src/audio';
import { startVoiceRig, type VoiceRig } from './support';
import { VoiceClient } from './voiceClient';

const frame = (samples: number, seq = 0, captureTs = 0) => encodeCandidateAudio({ seq, captureTs, samples: new Int16Array(samples) });

describe('voice mode over the real WebSocket: bad audio input', function () {
  this.timeout(30_000);
  let rig: VoiceRig;
  before(async () => { rig = await startVoiceRig(); });

  it('answers malformed, wrongly sized, mistyped and wrong-rate frames with audio_format and stays up', async () => {
    const client = await VoiceClient.open(rig.server.url, rig.token);
    await client.startSession();
    client.stopMic();
    const odd = new Uint8Array(frame(320).byteLength + 1);
    odd.set(frame(320));
    client.sendBinary(odd);
    client.sendBinary(frame(5)); // 0.3 ms
    client.sendBinary(frame(2000)); // 125 ms
    const mistyped = frame(320);
    mistyped[0] = 2;
    client.sendBinary(mistyped);
    // 48 kHz audio sent as 16 kHz: 20 ms of capture time per frame, 60 ms of samples in it.
    for (let i = 0; i < 60; i++) client.sendBinary(frame(960, i, 1_000_000 + i * 20));
    await client.next('error', (e) => /kHz/.test(e.message) && /48/.test(e.message));
    const errors = client.all('error');
    assert.deepEqual(errors.map((e) => e.code), ['audio_format', 'audio_format', 'audio_format', 'audio_format', 'audio_format']);
    assert.match(errors[0]!.message, /odd number of bytes/);
    assert.match(errors[1]!.message, /5 samples/);
    assert.match(errors[3]!.message, /frame type 2/);
    assert.ok(errors.every((e) => !e.fatal && e.requestId === null));
    client.send({ type: 'session/end', requestId: 'end-1' });
    await client.next('session/didEnd', (m) => m.requestId === 'end-1', 20_000);
    await client.close();
  });

  it('refuses audio in a text session with audio_not_expected, without closing', async () => {
    const client = await VoiceClient.open(rig.server.url, rig.token);
    const joined = await client.startSession({ mode: 'text' });
    assert.equal(joined.session.mode, 'text');
    client.sendBinary(frame(320));
    client.send({ type: 'audio/playback', turnId: 'x', state: 'started', ts: Date.now() });
    await client.next('error', () => client.all('error').length >= 2);
    assert.deepEqual(client.all('error').map((e) => e.code), ['audio_not_expected', 'audio_not_expected']);
    client.send({ type: 'answer/submit', clientMessageId: 'typed-1', text: 'Can the array be empty?' });
    await client.next('turn/didComplete', (m) => m.turn.clientMessageId === 'typed-1');
    assert.equal(client.audio.length, 0, 'a text session gets no audio');
    await client.close();
  });
});
