// End to end for the recorder path: a recorder process (the stand-in, at real-time pace) → RecorderCapture's frames
// → binary candidate audio on a real session WebSocket → the backend's voice pipeline (VAD, pocketsphinx) → the
// spoken words stored as the candidate's turn. The socket is the voice tests' VoiceClient (it plays interviewer
// audio and reports playback like the extension will); SessionSocket has no audio sending on this branch yet.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { encodeCandidateAudio } from '../../../protocol/src/audio';
import { RecorderCapture } from '../../../extension/src/capture/recorderCapture';
import { finish, startVoiceRig, waitFor as waitForVoice, type VoiceRig } from '../voice/support';
import { VoiceClient } from '../voice/voiceClient';
import { fakeRecorder, SpeechFiles } from './recorderSupport';

const QUESTION = 'can the array contain negative numbers';

describe('recorder capture into a voice session (pocketsphinx on the real backend)', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  let speech: SpeechFiles;
  let mic: RecorderCapture | null = null;

  before(async () => {
    rig = await startVoiceRig();
    speech = new SpeechFiles();
  });
  afterEach(() => mic?.dispose());
  after(() => speech.remove());

  it("the recorder's frames, sent on the session socket, come back as the candidate's transcript turn", async () => {
    const { file } = speech.wav(QUESTION);
    const client = await VoiceClient.open(rig.server.url, rig.token);
    client.send({ type: 'session/start', requestId: randomUUID(), language: 'javascript', mode: 'voice', problemSlug: 'pair-sum-indices' });
    await client.next('session/didJoin');
    const intro = await client.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer');
    await waitForVoice(() => client.playingTurn !== intro.turn.id, 10_000, 'the introduction to finish playing');

    mic = new RecorderCapture({ recorderCommand: fakeRecorder('--lead-ms', '400', file, '--then-noise') });
    let sent = 0;
    mic.onFrame.on((frame) => { client.sendBinary(encodeCandidateAudio(frame)); sent++; });
    assert.equal((await mic.start()).state, 'listening');

    const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 25_000);
    assert.match(answer.turn.text, /\barray\b/);
    assert.match(answer.turn.text, /\bnegative\b|\bnumbers\b/);
    assert.deepEqual(client.all('error'), [], 'every recorder frame was valid candidate audio at 16 kHz by its timestamps');
    assert.ok(sent > 150, `${sent} frames sent`);
    console.log(`      [recorder] heard "${answer.turn.text}" after ${sent} frames`);
    mic.dispose();
    await finish(client);
  });
});
