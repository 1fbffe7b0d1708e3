// The extension socket's binary path: microphone frames out, interviewer audio in, playback reports, bad frames.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AUDIO_FRAME_MS, encodeInterviewerAudio, type InterviewerAudioFrame } from '../../../protocol/src/audio';
import type { ServerMessage } from '../../../protocol/src/session';
import { SessionSocket } from '../../../extension/src/connection/sessionSocket';
import { sessionInfo } from '../../webview/fixtures';
import { speech, startVoiceRig, type VoiceRig } from '../voice/support';
import { waitFor } from '../../support/waitFor';

const FRAME = 320;

/** A microphone at real time through sendAudio: queued speech, then quiet noise (the server wants a continuous stream). */
function pumpMic(socket: SessionSocket): { say(pcm: Int16Array): void; stop(): void; sent: () => number } {
  const queue: Int16Array[] = [];
  let seq = 0;
  let sent = 0;
  const startedAt = Date.now();
  let noise = 1;
  const quiet = () => Int16Array.from({ length: FRAME }, () => {
    noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
    return Math.round(((noise / 0xffff_ffff) * 2 - 1) * 30);
  });
  const timer = setInterval(() => {
    const due = Math.floor((Date.now() - startedAt) / AUDIO_FRAME_MS);
    while (seq < due) {
      const samples = queue.shift() ?? quiet();
      if (socket.sendAudio({ seq, captureTs: startedAt + seq * AUDIO_FRAME_MS, samples })) sent++;
      seq++;
    }
  }, 5);
  return {
    say(pcm) {
      for (let i = 0; i < pcm.length; i += FRAME) {
        const frame = new Int16Array(FRAME);
        frame.set(pcm.subarray(i, i + FRAME));
        queue.push(frame);
      }
    },
    stop: () => clearInterval(timer),
    sent: () => sent,
  };
}

describe('extension session socket: voice audio', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  const sockets: SessionSocket[] = [];
  before(async () => { rig = await startVoiceRig(); });
  afterEach(() => { for (const s of sockets.splice(0)) s.dispose(); });

  it('streams the mic once joined (not before), plays back interviewer audio by turn and reports playback to the server', async () => {
    const socket = new SessionSocket({
      serverUrl: rig.server.url, token: rig.token,
      target: { kind: 'start', request: { problemSlug: 'pair-sum-indices', language: 'javascript', mode: 'voice' } },
    });
    sockets.push(socket);
    const messages: ServerMessage[] = [];
    const audio: InterviewerAudioFrame[] = [];
    socket.onMessage.on((m) => messages.push(m));
    socket.onAudio.on((f) => audio.push(f));
    // Not connected, not joined: live audio is dropped rather than queued.
    assert.equal(socket.sendAudio({ seq: 0, captureTs: Date.now(), samples: new Int16Array(FRAME) }), false);
    assert.equal(socket.sendPlayback({ type: 'audio/playback', turnId: 'x', state: 'started', ts: Date.now() }), false);
    socket.connect();

    const intro = await waitFor('the introduction to start', () => messages.find((m) => m.type === 'turn/didStart'));
    const introDone = await waitFor('the introduction to be stored',
      () => messages.find((m) => m.type === 'turn/didComplete' && m.turn.id === intro.turnId));
    const introAudio = audio.filter((f) => f.turnId === intro.turnId);
    assert.ok(introAudio.length > 20, `only ${introAudio.length} frames of the introduction arrived`);
    assert.deepEqual(introAudio.map((f) => f.seq), introAudio.map((_, i) => i), 'frames of a turn in seq order');
    assert.ok(introAudio.every((f) => f.samples.length > 0 && f.samples.length <= FRAME));
    assert.equal(audio.length, introAudio.length, 'no audio of any other turn');

    // Our player "played" it: the server hands the floor back only after playback stopped.
    assert.ok(socket.sendPlayback({ type: 'audio/playback', turnId: intro.turnId, state: 'started', ts: Date.now() }));
    assert.ok(socket.sendPlayback({ type: 'audio/playback', turnId: intro.turnId, state: 'stopped', ts: Date.now() + 1 }));
    await waitFor('listening after the introduction played', () => messages.some((m, i) =>
      m.type === 'voice/didChangeState' && m.state === 'listening' && i > messages.indexOf(introDone)));

    const mic = pumpMic(socket);
    try {
      mic.say(speech('can the array contain negative numbers'));
      const answer = await waitFor('the spoken answer as a candidate turn', () => messages.find((m) =>
        m.type === 'turn/didComplete' && m.turn.speaker === 'candidate'), 30_000);
      assert.equal(answer.type, 'turn/didComplete');
      if (answer.type === 'turn/didComplete') assert.match(answer.turn.text, /\barray\b/);
      assert.ok(messages.some((m) => m.type === 'transcript/partial' && m.text.includes('array')), 'a live caption arrived');
      assert.ok(mic.sent() > 100, `${mic.sent()} frames sent`);
      assert.ok(!messages.some((m) => m.type === 'error'), JSON.stringify(messages.filter((m) => m.type === 'error')));
    } finally {
      mic.stop();
    }
  });

  it('logs and skips bad binary frames from the server and keeps the connection and later frames', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const turnId = '0b4a1f6e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
    wss.on('connection', (ws) => ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString()) as { type: string; requestId?: string };
      if (message.type === 'hello') {
        ws.send(JSON.stringify({ type: 'welcome', protocolVersion: 1, user: { id: 'u', email: 'a@b.test', displayName: 'A', role: 'user' },
          limits: { maxFrameBytes: 1_048_576, maxBufferChars: 200_000, maxAnswerChars: 4000 } }));
      } else if (message.type === 'session/start') {
        ws.send(JSON.stringify({ type: 'session/didJoin', requestId: message.requestId, session: sessionInfo({ mode: 'voice' }), lastSeq: 0, codeVersion: null }));
        ws.send(Buffer.from([9, 9, 9])); // too short
        ws.send(encodeCandidateShaped()); // the wrong frame type
        ws.send(Buffer.from(encodeInterviewerAudio({ seq: 0, sentTs: Date.now(), turnId, samples: new Int16Array(320).fill(7) })));
      }
    }));
    const logs: string[] = [];
    const socket = new SessionSocket({
      serverUrl: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`, token: 't',
      target: { kind: 'start', request: { language: 'javascript', mode: 'voice' } }, log: (line) => logs.push(line),
    });
    sockets.push(socket);
    const audio: InterviewerAudioFrame[] = [];
    socket.onAudio.on((f) => audio.push(f));
    try {
      socket.connect();
      await waitFor('the good frame', () => audio.length === 1);
      assert.equal(audio[0]!.turnId, turnId);
      assert.deepEqual([...audio[0]!.samples.slice(0, 3)], [7, 7, 7]);
      assert.equal(logs.filter((l) => l.startsWith('ignoring a bad audio frame')).length, 2, logs.join('\n'));
      assert.equal(socket.status.status, 'connected');
      assert.ok(socket.isJoined);
    } finally {
      socket.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});

/** 32+ bytes that look like audio but carry the candidate type (1): the client must refuse it as interviewer audio. */
function encodeCandidateShaped(): Buffer {
  const bytes = Buffer.from(encodeInterviewerAudio({ seq: 0, sentTs: 0, turnId: '00000000-0000-0000-0000-000000000000', samples: new Int16Array(4) }));
  bytes[0] = 1;
  return bytes;
}
