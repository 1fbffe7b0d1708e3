import { strict as assert } from 'node:assert';
import { Turn } from '../../../backend/src/db/entities';
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput,
} from '../../../backend/src/interviewer/interviewer';
import type { RunningServer } from '../../../backend/src/server';
import type { VoiceLatency } from '../../../backend/src/voice/latency';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';
import { FakeStt, FakeTts } from './fakes';
import { finish, speech, waitFor } from './support';
import { sleep, VoiceClient } from './voiceClient';

/** One call of the interviewer for an answer: what it was asked, when, what it knew, and whether it was cancelled. */
interface Call { text: string; startedAt: number; turnsSeen: number; aborted: boolean | null }

/** Replies "Reply to: <answer>." after `firstTokenMs`, and records every call, cancelled or not. */
class RecordingInterviewer implements Interviewer {
  readonly calls: Call[] = [];
  constructor(private readonly firstTokenMs: number) {}

  async *respond(context: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    if (event.kind === 'session-start') { yield { kind: 'text', delta: 'Hello.' }; return; }
    if (event.kind !== 'candidate-answer') return;
    const call: Call = { text: event.text, startedAt: Date.now(), turnsSeen: context.turns.length, aborted: null };
    this.calls.push(call);
    try {
      await new Promise<void>((resolve) => { const t = setTimeout(resolve, this.firstTokenMs); signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }); });
      for (const word of `Reply to: ${event.text}. Anything else?`.split(/(?<= )/)) {
        if (signal.aborted) return;
        yield { kind: 'text', delta: word };
        await sleep(10);
      }
    } finally {
      call.aborted = signal.aborted;
    }
  }

  async evaluate(): Promise<EvaluationDraft> { return { band: 'no-hire', overall: 1, scores: [], summary: 'speculation test' }; }
}

const QUESTION = 'is the input always sorted';
const FIRST = 'we return the result';
const SECOND = 'and the space is constant';

describe('voice: the reply is prepared speculatively on a likely end of turn', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let interviewer: RecordingInterviewer;
  let token: string;

  before(async () => {
    const stt = new FakeStt({ finalDelayMs: 200, partialEveryMs: 200 });
    for (const text of [QUESTION, FIRST, SECOND]) stt.register(speech(text), text);
    interviewer = new RecordingInterviewer(300);
    server = await startTestServer({}, { interviewer, speech: { stt, tts: new FakeTts({ firstAudioMs: 100 }) } });
    token = (await registerUser(server.url, 'speculation')).token;
  });
  after(() => server.close());

  async function joined(): Promise<VoiceClient> {
    const client = await VoiceClient.open(server.url, token);
    await client.startSession({ problemSlug: 'pair-sum-indices' });
    const intro = await client.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer');
    await waitFor(() => client.playingTurn !== intro.turn.id, 10_000, 'the introduction to finish playing');
    return client;
  }

  const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
  const count = (text: string, series: string) => Number(new RegExp(`^${series} (\\d+)`, 'm').exec(text)?.[1] ?? 0);

  it('a confirmed speculation is the reply: generated during the end-of-turn pause, asked once, stored once', async () => {
    const client = await joined();
    const callsBefore = interviewer.calls.length;
    const said = await client.say(speech(QUESTION));
    const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 10_000);
    const started = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer));
    const reply = await client.next('turn/didComplete', (m) => m.turn.id === started.turnId, 10_000);
    assert.equal(answer.turn.text, QUESTION);
    assert.equal(reply.turn.text, `Reply to: ${QUESTION}. Anything else?`);

    const calls = interviewer.calls.slice(callsBefore);
    const used = calls.filter((c) => !c.aborted);
    assert.equal(used.length, 1, `one reply generated: ${JSON.stringify(calls)}`);
    assert.equal(used[0]!.text, QUESTION);
    assert.equal(used[0]!.turnsSeen, 2, 'it saw the introduction and the answer as a turn');
    assert.ok(calls.filter((c) => c.aborted).every((c) => c.text !== QUESTION), 'only speculations on other words were cancelled');
    // Asked before the turn was even decided: generation overlapped the end-of-turn pause.
    assert.ok(used[0]!.startedAt < client.receivedAt.get(answer)!, 'the reply was generated before the answer was stored');

    const stored = await server.orm.em.fork().findOneOrFail(Turn, { id: started.turnId }) as Turn & { latency: { voice?: VoiceLatency } };
    const voice = stored.latency.voice!;
    assert.ok(voice.speculatedMs !== undefined && voice.speculatedMs < voice.endOfTurnMs!, JSON.stringify(voice));
    const stages = [voice.endOfTurnMs, voice.firstTokenMs, voice.firstTtsAudioMs, voice.firstAudioSentMs];
    assert.deepEqual([...stages].sort((a, b) => a! - b!), stages, `stages in pipeline order: ${JSON.stringify(voice)}`);
    const firstAudio = client.audioOf(started.turnId)[0]!;
    assert.ok(firstAudio.index > 0 && client.receivedAt.get(started)! <= firstAudio.at, 'no audio before turn/didStart');
    console.log(`      [speculation] end of speech → end of turn ${voice.endOfTurnMs} ms, speculated at ${voice.speculatedMs} ms, `
      + `first audio at the client ${firstAudio.at - said.speechEndedAt} ms`);
    await finish(client);
  });

  it('a cancelled speculation leaves no trace: no turn stored, sent, spoken or counted; the whole answer gets the reply', async () => {
    const client = await joined();
    const callsBefore = interviewer.calls.length;
    const before = await metrics();
    await client.say(speech(FIRST));
    await sleep(250); // a pause after a complete sentence: the reply to it is being prepared...
    await client.say(speech(SECOND)); // ...and the candidate goes on
    const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 10_000);
    assert.equal(answer.turn.text, `${FIRST} ${SECOND}`);
    const started = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer));
    const reply = await client.next('turn/didComplete', (m) => m.turn.id === started.turnId, 10_000);
    assert.equal(reply.turn.text, `Reply to: ${FIRST} ${SECOND}. Anything else?`);
    await waitFor(() => client.playingTurn === null, 10_000, 'the reply to finish playing');

    const calls = interviewer.calls.slice(callsBefore);
    // The reply to the first sentence was prepared (perhaps in full, if the pause was long) and then dropped.
    assert.ok(calls.some((c) => c.text === FIRST), `the reply to the first sentence was prepared: ${JSON.stringify(calls)}`);
    assert.equal(calls.filter((c) => c.text === `${FIRST} ${SECOND}` && !c.aborted).length, 1);
    assert.ok(!client.all('turn/delta').map((d) => d.text).join('').includes(`Reply to: ${FIRST}.`), 'the dropped reply was never shown');

    // Nothing of the cancelled reply reached the client or the database.
    const announced = new Set(client.all('turn/didStart').map((m) => m.turnId));
    assert.ok(client.audio.every((a) => announced.has(a.turnId)), 'audio only of announced turns');
    assert.equal(client.all('audio/clear').length, 0);
    const session = client.all('session/didJoin')[0]!.session.id;
    const turns = await server.orm.em.fork().find(Turn, { session }, { orderBy: { seq: 'asc' } });
    assert.deepEqual(turns.map((t) => [t.speaker, t.text]), [
      ['interviewer', 'Hello.'], ['candidate', `${FIRST} ${SECOND}`], ['interviewer', `Reply to: ${FIRST} ${SECOND}. Anything else?`],
    ]);
    // Counted as one reply: one stored interviewer turn, one first token, one speculation that was used.
    const after = await metrics();
    const delta = (series: string) => count(after, series) - count(before, series);
    assert.equal(delta('mocktalk_turns_total\\{speaker="interviewer"\\}'), 1);
    assert.equal(delta('mocktalk_interviewer_first_token_seconds_count'), 1);
    const replyVoice = (turns[2]!.latency as { voice?: VoiceLatency }).voice!;
    assert.equal(delta('mocktalk_voice_latency_seconds_count\\{stage="speculated"\\}'), replyVoice.speculatedMs === undefined ? 0 : 1,
      'only a speculation that became the reply is measured');
    await finish(client);
  });
});
