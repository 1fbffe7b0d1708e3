// Runs the shared Interviewer conformance suite against every implementation: the local engine, the OpenAI
// interviewer against a local fake server, the fallback chain (healthy and with a dead primary), and the
// real OpenAI API only when OPENAI_API_KEY is set.
import pino from 'pino';
import { STAGES, Stage } from '../../../protocol/src/domain';
import { FallbackInterviewer } from '../../../backend/src/interviewer/fallbackInterviewer';
import { LocalInterviewer } from '../../../backend/src/interviewer/local/localInterviewer';
import { OpenAiInterviewer } from '../../../backend/src/interviewer/openai/openaiInterviewer';
import { startOpenAiFake, type FakeReply, type RecordedRequest, type OpenAiFake } from '../../fakes/openaiFake';
import { interviewerConformance } from './conformance';

const quiet = pino({ level: 'silent' });

/** A stand-in model: answers every turn, alternately advancing one stage and trying to go back; scores validly. */
function fakeModel(request: RecordedRequest, index: number): FakeReply {
  if (!request.body.stream) {
    const scores = ['problem-solving', 'coding', 'communication', 'verification'].map((dimension) => ({ dimension, score: 3, evidence: ['hash map'] }));
    return { text: JSON.stringify({ scores, band: 'hire', summary: 'A steady interview.' }) };
  }
  const live = request.body.messages.at(-1)?.content ?? '';
  const stage = Stage.catch('intro').parse(/Current stage: ([\w-]+)/.exec(live)?.[1]);
  const next = STAGES[Math.min(STAGES.indexOf(stage) + 1, STAGES.length - 1)];
  const target = index % 2 === 0 ? next : 'intro';
  return { text: `Okay, noted. Let us go to the ${target} part.`, chunkDelayMs: 2, toolCalls: [{ name: 'advance_stage', arguments: { stage: target } }] };
}

const openAiOn = (fake: OpenAiFake): OpenAiInterviewer =>
  new OpenAiInterviewer({ apiKey: 'sk-conformance', baseUrl: fake.baseUrl, model: 'fake-model', log: quiet });

const fallbackTo = (primary: OpenAiInterviewer): FallbackInterviewer =>
  new FallbackInterviewer(primary, new LocalInterviewer(), { firstTokenDeadlineMs: 2_000, log: quiet });

describe('interviewer conformance', () => {
  let healthy: OpenAiFake;
  let broken: OpenAiFake;
  before(async () => {
    healthy = await startOpenAiFake({ script: fakeModel });
    broken = await startOpenAiFake({ script: () => ({ status: 500 }) });
  });
  after(async () => { await healthy.close(); await broken.close(); });

  interviewerConformance('local engine', () => new LocalInterviewer());
  interviewerConformance('OpenAI against the fake server', () => openAiOn(healthy));
  interviewerConformance('fallback chain, healthy primary', () => fallbackTo(openAiOn(healthy)));
  interviewerConformance('fallback chain, primary answering HTTP 500', () => fallbackTo(openAiOn(broken)));

  const key = process.env.OPENAI_API_KEY;
  interviewerConformance(
    key ? 'OpenAI, real API' : 'OpenAI, real API (skipped: set OPENAI_API_KEY to run it)',
    () => new OpenAiInterviewer({
      apiKey: key ?? '', baseUrl: process.env.OPENAI_BASE_URL, model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
      log: pino({ level: 'warn' }), requestTimeoutMs: 60_000,
    }),
    { timeoutMs: 180_000, skipReason: () => (key ? null : 'OPENAI_API_KEY is not set') },
  );
});
