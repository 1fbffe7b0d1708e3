import { strict as assert } from 'node:assert';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';
import { startElevenLabsFake } from '../../fakes/elevenLabsFake';
import { VoiceClient } from './voiceClient';
import { VoiceTestInterviewer } from './voiceInterviewer';

/** Joins a voice session on a server with no injected speech providers; resolves with the spoken introduction. */
async function spokenIntro(url: string, token: string): Promise<{ client: VoiceClient; turnId: string }> {
  const client = await VoiceClient.open(url, token);
  await client.startSession({ problemSlug: 'pair-sum-indices' });
  const intro = await client.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer', 20_000);
  await client.audioFor(intro.turn.id, 16_000, 20_000);
  return { client, turnId: intro.turn.id };
}

describe('voice: the server speaks with the configured providers by default', function () {
  this.timeout(60_000);

  it('an ElevenLabs key makes ElevenLabs the voice; when it fails, the local engine speaks the turn', async () => {
    let failing = false;
    const fake = await startElevenLabsFake(() => (failing ? { status: 500 } : {}));
    const server = await startTestServer({ elevenLabs: { apiKey: 'fake-key', baseUrl: fake.baseUrl } }, { interviewer: new VoiceTestInterviewer() });
    try {
      const token = (await registerUser(server.url, 'configured')).token;
      const first = await spokenIntro(server.url, token);
      const served = fake.requests.length;
      assert.ok(served >= 1, 'the introduction went to ElevenLabs');
      assert.ok(fake.requests.every((r) => r.headers['xi-api-key'] === 'fake-key' && r.chunks > 0));
      await first.client.close();

      failing = true;
      const second = await spokenIntro(server.url, token);
      assert.ok(fake.requests.length > served, 'ElevenLabs was asked first again');
      assert.ok(second.client.samplesOf(second.turnId) >= 16_000, 'espeak-ng spoke it instead');
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      assert.match(metrics, /mocktalk_voice_provider_failures_total\{kind="tts",provider="elevenlabs",reason="error"\} [1-9]/);
      await second.client.close();
    } finally {
      await server.close();
      await fake.close();
    }
  });
});
