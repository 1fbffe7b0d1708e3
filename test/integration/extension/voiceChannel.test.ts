// The extension's VoiceChannel with the webview capture strategy, against a real voice backend: the panel's frames
// (as base64 audio/frame messages) reach the server as speech, the interviewer's audio reaches the panel as audio/play,
// and the panel's playback reports reach the server.
import { strict as assert } from 'node:assert';
import { AUDIO_FRAME_MS } from '../../../protocol/src/audio';
import type { ServerMessage } from '../../../protocol/src/session';
import { HostToWebviewMessage, WebviewToHostMessage, type MicCommand } from '../../../protocol/src/webview';
import { pcm16ToBase64, type MicStatus } from '../../../protocol/src/webviewAudio';
import { WebviewCapture } from '../../../extension/src/capture/webviewCapture';
import { SessionSocket } from '../../../extension/src/connection/sessionSocket';
import { VoiceChannel, type VoicePanelMessage } from '../../../extension/src/interview/voiceChannel';
import { speech, startVoiceRig, type VoiceRig } from '../voice/support';
import { waitFor } from '../../support/waitFor';

const FRAME = 320;

describe('extension voice channel (webview capture) against a real voice backend', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  before(async () => { rig = await startVoiceRig(); });

  it('carries panel frames to the server as speech, interviewer audio to the panel, and playback reports back', async () => {
    const socket = new SessionSocket({
      serverUrl: rig.server.url, token: rig.token,
      target: { kind: 'start', request: { problemSlug: 'pair-sum-indices', language: 'javascript', mode: 'voice' } },
    });
    const commands: MicCommand[] = [];
    const webviewMic = new WebviewCapture((command) => { commands.push(command); return true; });
    const channel = new VoiceChannel(socket, webviewMic, webviewMic);
    const toPanel: HostToWebviewMessage[] = [];
    const server: ServerMessage[] = [];
    const micStatuses: MicStatus[] = [];
    channel.onPanelMessage.on((m) => toPanel.push(HostToWebviewMessage.parse(m))); // what the webview will validate
    channel.onMicStatus.on((s) => micStatuses.push(s));
    socket.onMessage.on((m) => server.push(m));
    /** What the panel posts goes through the same schema as in VS Code. */
    const fromPanel = (raw: unknown) => {
      const message = WebviewToHostMessage.parse(raw);
      assert.ok(['audio/frame', 'audio/playback', 'mic/didChange', 'mic/command'].includes(message.type), message.type);
      channel.panelMessage(message as VoicePanelMessage);
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      assert.deepEqual(channel.panelMessages(), [{ type: 'voice/configure', capture: 'webview', description: 'Microphone in the interview panel' }]);
      socket.connect();

      // A frame before the panel says its mic is listening is not sent.
      fromPanel({ type: 'audio/frame', seq: 0, captureTs: Date.now(), pcm: pcm16ToBase64(new Int16Array(FRAME)) });
      assert.equal(channel.sentFrames, 0);

      const intro = await waitFor('the introduction', () => server.find((m) => m.type === 'turn/didComplete'));
      const introId = intro.type === 'turn/didComplete' ? intro.turn.id : '';
      const plays = toPanel.filter((m) => m.type === 'audio/play' && m.turnId === introId);
      assert.ok(plays.length > 20, `${plays.length} audio/play messages for the introduction`);
      fromPanel({ type: 'audio/playback', turnId: introId, state: 'started', ts: Date.now() });
      fromPanel({ type: 'audio/playback', turnId: introId, state: 'stopped', ts: Date.now() + 1 });
      await waitFor('listening after the introduction played', () => server.some((m, i) =>
        m.type === 'voice/didChangeState' && m.state === 'listening' && i > server.indexOf(intro)));

      fromPanel({ type: 'mic/didChange', state: 'listening', mode: 'open', sending: true });
      assert.deepEqual(micStatuses.at(-1), { state: 'listening', mode: 'open', sending: true });
      // The panel's mic at real time: the question, then quiet.
      const clip = speech('can the array contain negative numbers');
      const startedAt = Date.now();
      let seq = 0;
      timer = setInterval(() => {
        while (seq < Math.floor((Date.now() - startedAt) / AUDIO_FRAME_MS)) {
          const samples = new Int16Array(FRAME);
          samples.set(clip.subarray(seq * FRAME, (seq + 1) * FRAME));
          fromPanel({ type: 'audio/frame', seq, captureTs: startedAt + seq * AUDIO_FRAME_MS, pcm: pcm16ToBase64(samples) });
          seq++;
        }
      }, 5);
      const answer = await waitFor('the spoken answer', () => server.find((m) => m.type === 'turn/didComplete' && m.turn.speaker === 'candidate'), 30_000);
      assert.ok(answer.type === 'turn/didComplete' && /\barray\b/.test(answer.turn.text), JSON.stringify(answer));
      assert.ok(channel.sentFrames > 100);

      channel.toggleMute();
      assert.deepEqual(commands.at(-1), { kind: 'setMuted', muted: true });
    } finally {
      clearInterval(timer);
      channel.dispose();
      socket.dispose();
    }
    // The interview is over for the channel: the panel's mic is told to go quiet, and later frames go nowhere.
    assert.deepEqual(commands.at(-1), { kind: 'setMuted', muted: true });
  });
});
