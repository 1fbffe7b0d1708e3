// The replay of a real voice session (local engines over the real WebSocket): the interviewer's audio is
// archived per turn exactly as sent, served back as WAV (whole or by range) on the replay's one clock, only
// to the session's owner, and deleted with the session.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { SessionReplay } from '../../../protocol/src/api';
import { decodeWav, parseWavHeader } from '../../../backend/src/pipeline/audio';
import { startTestServer, tempDir } from '../../support/backend';
import { http, registerUser } from '../../support/client';
import { hasBinary } from '../../unit/providers/support/speech';
import { finish, joinedAfterIntro, speech, waitFor, type VoiceRig } from '../voice/support';
import { VoiceTestInterviewer } from '../voice/voiceInterviewer';

const QUESTION = 'can the array contain negative numbers';

async function audio(base: string, route: string, token: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + route, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
}

describe('session replay over a real voice session (pocketsphinx, espeak-ng)', function () {
  this.timeout(90_000);
  let rig: VoiceRig;
  let objects: string;
  let sessionId: string;
  let replay: SessionReplay;
  const sent = new Map<string, number>();

  before(async function () {
    for (const tool of ['flite', 'espeak-ng', 'pocketsphinx_continuous']) {
      if (!hasBinary(tool)) throw new Error(`replay tests need ${tool} (scripts/test-tools.sh installs it)`);
    }
    objects = tempDir('mocktalk-replay-objects-');
    const interviewer = new VoiceTestInterviewer();
    const server = await startTestServer({ objectStore: { kind: 'fs', dir: objects } }, { interviewer });
    const { token } = await registerUser(server.url, 'replay');
    rig = { server, token, interviewer };

    const client = await joinedAfterIntro(rig);
    sessionId = client.all('session/didJoin')[0]!.session.id;
    client.send({ type: 'code/open', documentVersion: 1, language: 'javascript', text: 'function pairSum(nums, target) {\n}\n' });
    await client.say(speech(QUESTION));
    const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 20_000);
    const started = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer));
    await client.next('turn/didComplete', (m) => m.turn.id === started.turnId, 20_000);
    for (const m of client.all('turn/didComplete')) if (m.turn.speaker === 'interviewer') sent.set(m.turn.id, client.samplesOf(m.turn.id));
    await finish(client);

    // Archiving runs beside the turn's storage: wait until every spoken turn has its audio.
    await waitFor(() => filesUnder(objects).filter((f) => f.endsWith('.wav')).length >= sent.size, 10_000, 'turn audio archived');
    const res = await http(rig.server.url, 'GET', `/api/sessions/${sessionId}/replay`, { token: rig.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    replay = SessionReplay.parse(res.body);
  });
  after(() => rig?.server.close());

  it('puts turns, audio and code snapshots on one clock', () => {
    assert.equal(replay.sessionId, sessionId);
    const [intro, question, reply] = replay.turns;
    assert.deepEqual(replay.turns.map((t) => t.speaker).slice(0, 3), ['interviewer', 'candidate', 'interviewer']);
    for (const t of replay.turns) assert.ok(t.startMs <= t.endMs && t.endMs <= replay.durationMs, JSON.stringify(t));
    assert.ok(intro!.endMs <= question!.startMs && question!.endMs <= reply!.startMs, 'turns follow each other');
    assert.equal(question!.audio, null, "the candidate's voice is not recorded");
    assert.ok(replay.snapshots.length >= 1);
    assert.ok(replay.snapshots[0]!.atMs > intro!.startMs && replay.snapshots[0]!.atMs <= replay.durationMs);
    assert.match(replay.snapshots[0]!.text, /pairSum/);
    for (const t of [intro!, reply!]) {
      assert.ok(t.audio, `turn ${t.seq} has audio`);
      // The audio starts when its first chunk was sent: the latency's origin plus its first-audio-sent stage.
      const expected = t.latency!.originMs! + t.latency!.firstAudioSentMs!;
      assert.ok(Math.abs(t.audio.startMs - expected) <= 5, `audio at ${t.audio.startMs} ms, first sent at ${expected} ms`);
      // Sending runs up to the sender's 300 ms lead ahead of playback, so the audio may outlast the turn by that much.
      const audioEnd = t.audio.startMs + t.audio.durationMs;
      assert.ok(audioEnd <= t.endMs + 400 && audioEnd >= t.endMs - 1000, `audio ends at ${audioEnd} ms, the turn at ${t.endMs} ms`);
    }
  });

  it('gives the latency breakdown of a spoken reply, stage by stage, from the end of speech', () => {
    const reply = replay.turns[2]!;
    const l = reply.latency!;
    assert.equal(l.from, 'end-of-speech');
    const question = replay.turns[1]!;
    assert.ok(Math.abs(l.originMs! - question.endMs) <= 5, 'the origin is the end of the spoken question');
    const stages = [l.endOfTurnMs, l.firstTokenMs, l.firstTtsAudioMs, l.firstAudioSentMs, l.firstAudioPlayedMs];
    assert.ok(stages.every((ms) => typeof ms === 'number'), JSON.stringify(l));
    assert.deepEqual([...stages].sort((a, b) => a! - b!), stages);
    assert.equal(replay.turns[0]!.latency!.from, 'turn-request');
  });

  it('streams each turn’s audio back as a 16 kHz WAV of exactly what was sent', async () => {
    for (const t of replay.turns.filter((turn) => turn.audio)) {
      const { res, bytes } = await audio(rig.server.url, t.audio!.path, rig.token);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'audio/wav');
      assert.equal(res.headers.get('accept-ranges'), 'bytes');
      const wav = decodeWav(bytes);
      assert.equal(wav.sampleRate, 16_000);
      assert.equal(wav.pcm.length, sent.get(t.id), `turn ${t.seq}: the samples the client received`);
      assert.equal(t.audio!.durationMs, Math.round(wav.pcm.length / 16));
      assert.ok(wav.pcm.some((s) => Math.abs(s) > 1000), 'it is speech, not silence');
    }
  });

  it('serves a byte range with 206 and refuses one past the end with 416', async () => {
    const route = replay.turns[0]!.audio!.path;
    const head = await audio(rig.server.url, route, rig.token, { range: 'bytes=0-43' });
    assert.equal(head.res.status, 206);
    assert.equal(head.bytes.length, 44);
    const info = parseWavHeader(head.bytes)!;
    assert.equal(info.sampleRate, 16_000);
    assert.equal(head.res.headers.get('content-range'), `bytes 0-43/${info.dataBytes + 44}`);
    const past = await audio(rig.server.url, route, rig.token, { range: `bytes=${info.dataBytes + 44}-` });
    assert.equal(past.res.status, 416);
    assert.equal(past.res.headers.get('content-range'), `bytes */${info.dataBytes + 44}`);
  });

  it('is the owner’s only: another user gets 404 for the replay and the audio', async () => {
    const other = await registerUser(rig.server.url, 'other');
    assert.equal((await http(rig.server.url, 'GET', `/api/sessions/${sessionId}/replay`, { token: other.token })).status, 404);
    const { res } = await audio(rig.server.url, replay.turns[0]!.audio!.path, other.token);
    assert.equal(res.status, 404);
    const candidateTurn = replay.turns[1]!;
    const none = await http(rig.server.url, 'GET', `/api/sessions/${sessionId}/turns/${candidateTurn.id}/audio`, { token: rig.token });
    assert.equal(none.status, 404, 'a turn without audio');
  });

  it('deleting the session deletes its audio objects', async () => {
    assert.ok(filesUnder(objects).some((f) => f.includes(sessionId)));
    assert.equal((await http(rig.server.url, 'DELETE', `/api/sessions/${sessionId}`, { token: rig.token })).status, 204);
    assert.deepEqual(filesUnder(objects).filter((f) => f.includes(sessionId)), []);
    assert.equal((await audio(rig.server.url, replay.turns[0]!.audio!.path, rig.token)).res.status, 404);
  });
});
