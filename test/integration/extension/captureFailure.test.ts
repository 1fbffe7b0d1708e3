// A microphone lost mid-interview: the recorder capture (a real process) dies while frames flow into a real voice
// session; the candidate is told why in words, and the interview goes on by typing with nothing lost.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../../../backend/src/pipeline/audio';
import { RecorderCapture } from '../../../extension/src/capture/recorderCapture';
import { WebviewCapture } from '../../../extension/src/capture/webviewCapture';
import { SessionSocket } from '../../../extension/src/connection/sessionSocket';
import { VoiceChannel } from '../../../extension/src/interview/voiceChannel';
import type { ServerMessage } from '../../../protocol/src/session';
import type { MicStatus } from '../../../protocol/src/webviewAudio';
import { startVoiceRig, type VoiceRig } from '../voice/support';
import { SpeechFiles, fakeRecorder, waitFor } from './recorderSupport';

describe('a recorder microphone lost mid-interview', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  const files = new SpeechFiles();
  before(async () => { rig = await startVoiceRig(); });
  after(() => files.remove());

  it('reports device-lost in words, sends no more audio, and the typed answer is stored and answered', async () => {
    // A second of silence, then quiet room noise at real-time pace until the process is killed.
    const silence = files.path('silence.wav');
    writeFileSync(silence, encodeWav(new Int16Array(16_000)));
    const recorder = new RecorderCapture({ recorderCommand: fakeRecorder('--then-noise', silence) });
    const socket = new SessionSocket({
      serverUrl: rig.server.url, token: rig.token,
      target: { kind: 'start', request: { problemSlug: 'pair-sum-indices', language: 'javascript', mode: 'voice' } },
    });
    const channel = new VoiceChannel(socket, new WebviewCapture(() => true), recorder);
    const statuses: MicStatus[] = [];
    const server: ServerMessage[] = [];
    channel.onMicStatus.on((s) => statuses.push(s));
    socket.onMessage.on((m) => server.push(m));
    try {
      socket.connect();
      await waitFor('the session joined', () => socket.isJoined, 20_000);
      channel.start();
      await waitFor('recorder frames on the socket', () => channel.sentFrames > 25, 20_000);

      process.kill(recorder.pid!, 'SIGKILL');
      const lost = await waitFor('device-lost', () => statuses.find((s) => s.state === 'error'), 10_000);
      assert.equal(lost.error?.kind, 'device-lost');
      assert.match(lost.error!.message, /during the interview/);
      assert.doesNotMatch(lost.error!.message, /\n\s+at /, 'a stack trace reached the candidate');
      const sentAtLoss = channel.sentFrames;

      const text = 'My microphone stopped. Can the array contain negative numbers?';
      socket.submitAnswer(text);
      const answer = await waitFor('the typed answer stored', () => server.find((m) =>
        m.type === 'turn/didComplete' && m.turn.speaker === 'candidate' && m.turn.text === text), 20_000);
      const answerSeq = answer.type === 'turn/didComplete' ? answer.turn.seq : 0;
      await waitFor('the interviewer answering it', () => server.some((m) =>
        m.type === 'turn/didComplete' && m.turn.speaker === 'interviewer' && m.turn.seq > answerSeq), 30_000);
      assert.equal(socket.pendingAnswers, 0, 'the answer is still waiting for the server');
      assert.equal(channel.sentFrames, sentAtLoss, 'audio kept flowing after the device was lost');
    } finally {
      channel.dispose();
      socket.dispose();
    }
  });
});
