import { strict as assert } from 'node:assert';
import type { RunningServer } from '../../../backend/src/server';
import type { SpeechToText, TextToSpeech, TranscriptEvent } from '../../../backend/src/providers/types';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';
import { FakeStt } from './fakes';
import { VoiceClient } from './voiceClient';
import { VoiceTestInterviewer } from './voiceInterviewer';

const brokenTts: TextToSpeech = {
  name: 'broken-tts',
  capabilities: { streaming: true },
  async *synthesize(): AsyncIterable<Int16Array> { throw new Error('synthesis engine crashed'); },
};

const brokenStt: SpeechToText = {
  name: 'broken-stt',
  capabilities: { streaming: true, interimResults: false },
  start: () => ({
    write: () => undefined, end: () => undefined, close: () => undefined,
    events: (async function* (): AsyncIterable<TranscriptEvent> { throw new Error('decoder died'); })(),
  }),
};

async function metric(server: RunningServer, line: RegExp): Promise<boolean> {
  return line.test(await (await fetch(`${server.url}/metrics`)).text());
}

describe('voice mode: failing speech providers', function () {
  this.timeout(30_000);

  it('a TTS failure is logged, counted and told to the client; the turn is still streamed and stored as text', async () => {
    const server = await startTestServer({}, { interviewer: new VoiceTestInterviewer(), speech: { stt: new FakeStt(), tts: brokenTts } });
    const client = await VoiceClient.open(server.url, (await registerUser(server.url, 'tts')).token);
    await client.startSession({ problemSlug: 'pair-sum-indices' });
    const error = await client.next('error');
    assert.equal(error.code, 'voice_unavailable');
    assert.equal(error.fatal, false);
    const intro = await client.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer');
    assert.match(intro.turn.text, /^Welcome\. Today we solve Pair Sum Indices\.$/);
    assert.equal(intro.turn.interrupted, false);
    assert.equal(client.audio.length, 0);
    assert.ok(await metric(server, /^mocktalk_voice_provider_failures_total\{kind="tts",provider="broken-tts",reason="error"\} [1-9]/m));
    await client.close();
    await server.close();
  });

  it('an STT failure is counted and told to the client, and recognition is retried after a backoff', async () => {
    const server = await startTestServer({}, { interviewer: new VoiceTestInterviewer(), speech: { stt: brokenStt, tts: brokenTts } });
    const client = await VoiceClient.open(server.url, (await registerUser(server.url, 'stt')).token);
    await client.startSession();
    const error = await client.next('error', (e) => /recognition/.test(e.message));
    assert.equal(error.code, 'voice_unavailable');
    assert.match(error.message, /retrying in 1 s/);
    // The mic keeps streaming: after the backoff a new recognizer is started (and fails again, later).
    await client.next('error', (e) => /retrying in 2 s/.test(e.message), 5_000);
    assert.ok(await metric(server, /^mocktalk_voice_provider_failures_total\{kind="stt",provider="broken-stt",reason="error"\} [2-9]/m));
    client.send({ type: 'answer/submit', clientMessageId: 'typed', text: 'I can still type.' });
    await client.next('turn/didComplete', (m) => m.turn.clientMessageId === 'typed');
    await client.close();
    await server.close();
  });
});
