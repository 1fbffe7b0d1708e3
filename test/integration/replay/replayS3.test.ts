// The same archive on an S3-compatible store, configured the way an operator would (MOCKTALK_S3_*): the
// introduction's audio lands in the bucket through signed requests and is streamed back from there.
import { strict as assert } from 'node:assert';
import { decodeWav } from '../../../backend/src/pipeline/audio';
import { SessionReplay } from '../../../protocol/src/api';
import { startS3Fake, type S3Fake } from '../../fakes/s3Fake';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';
import { hasBinary } from '../../unit/providers/support/speech';
import { joinedAfterIntro, waitFor, finish, type VoiceRig } from '../voice/support';
import { VoiceTestInterviewer } from '../voice/voiceInterviewer';

describe('session replay with the S3 object store (local signature-checking fake)', function () {
  this.timeout(60_000);
  const credentials = { accessKeyId: 'AKIDREPLAY', secretAccessKey: 'replay-secret' };
  let fake: S3Fake;
  let rig: VoiceRig;

  before(async function () {
    if (!hasBinary('espeak-ng') || !hasBinary('pocketsphinx_continuous')) throw new Error('needs espeak-ng and pocketsphinx (scripts/test-tools.sh)');
    fake = await startS3Fake({ bucket: 'replay-audio', region: 'eu-central-1', credentials });
    const interviewer = new VoiceTestInterviewer();
    const server = await startTestServer({
      objectStore: { kind: 's3', endpoint: fake.endpoint, bucket: 'replay-audio', region: 'eu-central-1', ...credentials },
    }, { interviewer });
    rig = { server, token: (await registerUser(server.url, 's3replay')).token, interviewer };
  });
  after(async () => { await rig?.server.close(); await fake?.close(); });

  it('archives the spoken introduction in the bucket and serves it back, whole and by range', async () => {
    const client = await joinedAfterIntro(rig);
    const sessionId = client.all('session/didJoin')[0]!.session.id;
    const intro = client.all('turn/didComplete')[0]!.turn;
    const sentSamples = client.samplesOf(intro.id);
    await finish(client);
    const key = `sessions/${sessionId}/turns/${intro.id}.wav`;
    await waitFor(() => fake.objects.has(key), 10_000, 'the introduction in the bucket');
    assert.equal(fake.rejected.length, 0, 'every request was correctly signed');

    const replay = SessionReplay.parse((await http(rig.server.url, 'GET', `/api/sessions/${sessionId}/replay`, { token: rig.token })).body);
    const path = replay.turns.find((t) => t.id === intro.id)!.audio!.path;
    const whole = await fetch(rig.server.url + path, { headers: { authorization: `Bearer ${rig.token}` } });
    assert.equal(whole.status, 200);
    assert.equal(decodeWav(Buffer.from(await whole.arrayBuffer())).pcm.length, sentSamples);
    const part = await fetch(rig.server.url + path, { headers: { authorization: `Bearer ${rig.token}`, range: 'bytes=44-1043' } });
    assert.equal(part.status, 206);
    assert.equal((await part.arrayBuffer()).byteLength, 1000);

    assert.equal((await http(rig.server.url, 'DELETE', `/api/sessions/${sessionId}`, { token: rig.token })).status, 204);
    assert.equal(fake.objects.has(key), false, 'deleted from the bucket with the session');
  });
});
