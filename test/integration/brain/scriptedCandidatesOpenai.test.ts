import { strict as assert } from 'node:assert';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http } from '../../support/client';
import { startOpenAiFake, type OpenAiFake } from '../../fakes/openaiFake';
import { onTestRunEnd } from '../../support/cleanup';
import { describeScriptedCandidates } from './candidateSuite';
import { scriptedModel } from './scriptedModel';

let fake: OpenAiFake | undefined;
let server: RunningServer | undefined;

describeScriptedCandidates('scripted candidates against the OpenAI interviewer (fake server, scripted model)', async () => {
  fake = await startOpenAiFake({ script: scriptedModel });
  onTestRunEnd(() => fake!.close());
  server = await startTestServer({ idleNudgeMs: 1500, openai: { apiKey: 'sk-scripted', baseUrl: fake.baseUrl, model: 'scripted' } });
  return server;
});

describe('the OpenAI scripted-candidate run', () => {
  it('was served by the model: requests reached the fake and no turn fell back to the local engine', async () => {
    assert.ok(fake && server, 'the suite above ran');
    assert.ok(fake.requests.filter((r) => r.body.stream).length >= 15, `streamed requests: ${fake.requests.length}`);
    assert.ok(fake.requests.some((r) => !r.body.stream), 'the evaluation asked the model');
    const metrics = await http<string>(server.url, 'GET', '/metrics');
    assert.doesNotMatch(metrics.body, /mocktalk_interviewer_fallbacks_total\{[^}]*\} [1-9]/);
  });
});
