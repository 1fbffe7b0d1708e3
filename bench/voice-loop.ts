// Benchmark: the spoken interview loop over real WebSockets on the real embedded PostgreSQL, with answers
// spoken by flite at run time (no audio is stored). Runs the loop once with in-process fake providers at
// known latencies (STT final 200 ms after speech ends, TTS first audio 150 ms, interviewer first token
// 400 ms) and once with the local engines (pocketsphinx, espeak-ng; same fake interviewer), and prints:
// end of speech → first interviewer audio at the client, the pipeline's overhead above the critical path (the
// end-of-turn pause or the reply prepared speculatively during it, whichever is later),
// barge-in stop latency (speech onset → audio/clear at the client), and the turn detector's false cut-off
// rate on the labeled turns of test/unit/pipeline/fixtures/turns.ts played through the whole pipeline.
// Run: npm run bench:voice [-- exchangesPerSession]
import { Turn } from '../backend/src/db/entities';
import { chunkPcm, dbfs } from '../backend/src/pipeline/audio';
import { isQuestion } from '../backend/src/pipeline/completeness';
import { DEFAULT_TURN_DETECTOR } from '../backend/src/pipeline/turnDetector';
import type { RunningServer, ServerOptions } from '../backend/src/server';
import type { VoiceLatency } from '../backend/src/voice/latency';
import { startTestServer, stopAllTestBackends } from '../test/support/backend';
import { registerUser } from '../test/support/client';
import { FakeInterviewer, FakeStt, FakeTts } from '../test/integration/voice/fakes';
import { sleep, VoiceClient } from '../test/integration/voice/voiceClient';
import { fliteSpeech } from '../test/unit/providers/support/speech';
import { LABELED_TURNS, type LabeledTurn, segmentEnd } from '../test/unit/pipeline/fixtures/turns';

const [exchanges = 5] = process.argv.slice(2).map(Number);
const FAKE = { sttFinalMs: 200, ttsFirstAudioMs: 150, firstTokenMs: 400, wordMs: 20 };
const REPLY = 'Good question. Yes, you can assume that.';
/** The providers' part of a reply: the interviewer's first sentence (its words, plus the next one that shows the
 *  sentence ended) and the TTS's first audio. */
const REPLY_MS = FAKE.firstTokenMs + 2 * FAKE.wordMs + FAKE.ttsFirstAudioMs;
/** The turn detector's pause after a complete answer: shorter after a question. */
const pauseFor = (answer: string) => (isQuestion(answer) ? DEFAULT_TURN_DETECTOR.questionSilenceMs : DEFAULT_TURN_DETECTOR.silenceMs);
/** Critical path with the fakes: the reply is prepared during the end-of-turn pause (speculation), so the later of
 *  the two; STT's 200 ms falls inside the pause. Everything above it is the pipeline's own time. */
const criticalMs = (answer: string) => Math.max(pauseFor(answer), REPLY_MS);
const ANSWERS = ['can the array contain negative numbers', 'is the input always sorted', 'i would use a hash map',
  'should i return the indices', 'that would be quadratic time', 'we can do better with a hash set'];
const EXPLAIN = 'can you explain the constraints again';
const INTERRUPTION = 'wait i have another question about the empty array';
const LONG_REPLY = 'Of course. The array holds up to ten thousand integers, each of them can be negative, and exactly one pair adds up to the target. '
  + 'You may not use the same position twice, but two positions may hold equal values.';

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
};
const clips = new Map<string, Int16Array>();
const clip = (text: string) => { if (!clips.has(text)) clips.set(text, fliteSpeech(text)); return clips.get(text)!; };
/** Milliseconds from a clip's start to its first and past its last loud frame. */
function edges(pcm: Int16Array): { lead: number; voicedEnd: number } {
  const loud = [...chunkPcm(pcm)].map((f) => dbfs(f) > -45);
  return { lead: loud.indexOf(true) * 20, voicedEnd: (loud.lastIndexOf(true) + 1) * 20 };
}

async function server(speech: ServerOptions['speech']): Promise<{ running: RunningServer; token: string }> {
  const interviewer = new FakeInterviewer({ firstTokenMs: FAKE.firstTokenMs, wordMs: FAKE.wordMs, reply: (a) => (a.includes('explain') ? LONG_REPLY : REPLY) });
  const running = await startTestServer({}, { interviewer, speech });
  return { running, token: (await registerUser(running.url, 'bench')).token };
}

async function join(url: string, token: string): Promise<VoiceClient> {
  const client = await VoiceClient.open(url, token);
  await client.startSession({ problemSlug: 'pair-sum-indices' });
  await client.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer', 30_000);
  await sleep(300);
  while (client.playingTurn) await sleep(20);
  return client;
}

async function finish(client: VoiceClient): Promise<void> {
  client.stopMic();
  client.send({ type: 'session/end', requestId: 'end' });
  await client.next('session/didEnd', () => true, 30_000);
  await client.close();
}

/** One answer → reply; returns end of speech → first reply audio at the client, and the reply's turn id. */
async function exchange(client: VoiceClient, text: string): Promise<{ ms: number; turnId: string }> {
  const before = client.received.length;
  const said = await client.say(clip(text));
  const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate' && client.received.indexOf(m) >= before, 30_000);
  const reply = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer), 30_000);
  await client.audioFor(reply.turnId, 1, 30_000);
  return { ms: client.audioOf(reply.turnId)[0]!.at - said.speechEndedAt, turnId: reply.turnId };
}

async function waitReplyPlayed(client: VoiceClient, turnId: string): Promise<void> {
  await client.next('turn/didComplete', (m) => m.turn.id === turnId, 30_000);
  while (client.playingTurn) await sleep(20);
}

/** Speaks over the long reply once it has played for a second; returns speech onset → audio/clear. */
async function bargeIn(client: VoiceClient): Promise<number> {
  const { turnId } = await exchange(client, EXPLAIN);
  await client.audioFor(turnId, 16_000 + 4_800, 30_000);
  const said = client.say(clip(INTERRUPTION));
  const clear = await client.next('audio/clear', (m) => m.turnId === turnId, 30_000);
  const { startedAt } = await said;
  const answer = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate' && client.receivedAt.get(m)! > startedAt, 30_000);
  const next = await client.next('turn/didStart', (m) => client.received.indexOf(m) > client.received.indexOf(answer), 30_000);
  await waitReplyPlayed(client, next.turnId);
  return client.receivedAt.get(clear)! - (startedAt + edges(clip(INTERRUPTION)).lead);
}

async function latencyRun(url: string, token: string, sessions: number, bargeIns: number) {
  const latencies: number[] = [];
  const overheads: number[] = [];
  const questions: boolean[] = [];
  const stops: number[] = [];
  const turnIds: string[] = [];
  await Promise.all(Array.from({ length: sessions }, async (_, s) => {
    const client = await join(url, token);
    for (let i = 0; i < exchanges; i++) {
      const answer = ANSWERS[(s + i) % ANSWERS.length]!;
      const { ms, turnId } = await exchange(client, answer);
      latencies.push(ms);
      overheads.push(ms - criticalMs(answer));
      questions.push(isQuestion(answer));
      turnIds.push(turnId);
      await waitReplyPlayed(client, turnId);
    }
    for (let i = 0; i < bargeIns; i++) stops.push(await bargeIn(client));
    await finish(client);
  }));
  return { latencies, overheads, questions, stops, turnIds };
}

/** Server-side stage medians (ms from end of speech) of the replies, from Turn.latency.voice. */
async function stages(running: RunningServer, turnIds: string[]): Promise<Record<string, number>> {
  const turns = await running.orm.em.fork().find(Turn, { id: { $in: turnIds } });
  const voice = turns.map((t) => (t.latency as { voice?: VoiceLatency }).voice).filter((v): v is VoiceLatency => v !== undefined);
  const keys = ['speculatedMs', 'endOfTurnMs', 'sttFinalMs', 'firstTokenMs', 'firstTtsAudioMs', 'firstAudioSentMs', 'firstAudioPlayedMs'] as const;
  return Object.fromEntries(keys.map((k) => [k.replace(/Ms$/, ''), percentile(voice.map((v) => v[k]).filter((x): x is number => x !== undefined), 50)]));
}

/** Plays a labeled turn (segments spoken at their labeled pauses, keystrokes while typing); was it cut off, and how late was the end? */
async function labeledTurn(url: string, token: string, stt: FakeStt, turn: LabeledTurn): Promise<{ name: string; cutOff: boolean; delayMs: number | null }> {
  const parts = turn.segments.map((s) => { const pcm = clip(s.text); stt.register(pcm, s.text); return { pcm, ...edges(pcm) }; });
  // Where each segment's words start and end (ms from the first word), keeping the labeled pauses between them.
  const starts: number[] = [];
  const ends: number[] = [];
  turn.segments.forEach((s, k) => {
    starts[k] = k === 0 ? 0 : ends[k - 1]! + (s.at - segmentEnd(turn.segments[k - 1]!));
    ends[k] = starts[k]! + parts[k]!.voicedEnd - parts[k]!.lead;
  });
  const actual = (x: number) => {
    for (let k = turn.segments.length - 1; k >= 0; k--) {
      const s = turn.segments[k]!;
      if (x >= segmentEnd(s)) return ends[k]! + (x - segmentEnd(s));
      if (x >= s.at) return starts[k]! + ((x - s.at) * (ends[k]! - starts[k]!)) / (segmentEnd(s) - s.at);
    }
    return x;
  };
  const client = await join(url, token);
  client.send({ type: 'code/open', documentVersion: 0, language: 'javascript', text: 'function pairSumIndices(nums, target) {\n}\n' });
  const t0 = Date.now() + 100;
  let version = 0;
  for (const [from, to] of turn.typing ?? []) {
    for (let t = from; t <= to; t += 150) {
      setTimeout(() => client.send({ type: 'code/change', fromVersion: version, toVersion: ++version, edits: [{ rangeOffset: 40, rangeLength: 0, text: 'x' }] }), t0 + actual(t) - Date.now());
    }
  }
  const said = await Promise.all(parts.map(async (p, k) => { await sleep(t0 + starts[k]! - p.lead - Date.now()); return client.say(p.pcm); }));
  const trueEnd = said.at(-1)!.speechEndedAt;
  const first = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 30_000);
  const decidedAt = client.receivedAt.get(first)!;
  await finish(client);
  return { name: turn.name, cutOff: decidedAt < trueEnd, delayMs: decidedAt < trueEnd ? null : decidedAt - trueEnd };
}

async function main(): Promise<void> {
  const stt = new FakeStt({ finalDelayMs: FAKE.sttFinalMs, partialEveryMs: 200 });
  for (const text of [...ANSWERS, EXPLAIN, INTERRUPTION]) stt.register(clip(text), text);
  const fake = await server({ stt, tts: new FakeTts({ firstAudioMs: FAKE.ttsFirstAudioMs }) });
  const fakeRun = await latencyRun(fake.running.url, fake.token, 4, 2);
  const fakeStages = await stages(fake.running, fakeRun.turnIds);

  const outcomes: Awaited<ReturnType<typeof labeledTurn>>[] = [];
  const queue = [...LABELED_TURNS];
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let turn = queue.shift(); turn; turn = queue.shift()) outcomes.push(await labeledTurn(fake.running.url, fake.token, stt, turn));
  }));

  const local = await server(undefined);
  const localRun = await latencyRun(local.running.url, local.token, 1, 1);
  const localStages = await stages(local.running, localRun.turnIds);

  const overhead = fakeRun.overheads;
  const delays = outcomes.map((o) => o.delayMs).filter((d): d is number => d !== null);
  const result = {
    overhead_p95_ms: percentile(overhead, 95),
    fake_p50_ms: percentile(fakeRun.latencies, 50),
    fake_p95_ms: percentile(fakeRun.latencies, 95),
    local_p50_ms: percentile(localRun.latencies, 50),
    bargein_p95_ms: percentile(fakeRun.stops, 95),
    false_cutoff_rate: +(outcomes.filter((o) => o.cutOff).length / outcomes.length).toFixed(3),
  };
  console.log(`Voice loop over real WebSockets, embedded PostgreSQL; ${exchanges} answers per session.`);
  console.log(`fake providers (STT final +${FAKE.sttFinalMs} ms, TTS first audio ${FAKE.ttsFirstAudioMs} ms, first token ${FAKE.firstTokenMs} ms), 4 concurrent sessions:`);
  console.log(`  end of speech → first reply audio: p50 ${result.fake_p50_ms} ms, p95 ${result.fake_p95_ms} ms (n=${fakeRun.latencies.length})`);
  const byKind = (question: boolean) => fakeRun.latencies.filter((_, i) => fakeRun.questions[i] === question);
  console.log(`  critical path: the later of the turn-end pause (${DEFAULT_TURN_DETECTOR.questionSilenceMs} ms after a question, ${DEFAULT_TURN_DETECTOR.silenceMs} after a statement) `
    + `and the reply prepared in it (first sentence ${FAKE.firstTokenMs + 2 * FAKE.wordMs} + TTS ${FAKE.ttsFirstAudioMs}); pipeline overhead p50 ${percentile(overhead, 50)} ms, p95 ${result.overhead_p95_ms} ms`);
  console.log(`  after questions p50 ${percentile(byKind(true), 50)} ms (n=${byKind(true).length}), after statements p50 ${percentile(byKind(false), 50)} ms (n=${byKind(false).length})`);
  console.log(`  server stages, p50 ms from end of speech: ${JSON.stringify(fakeStages)}`);
  console.log(`  barge-in, speech onset → audio/clear: p50 ${percentile(fakeRun.stops, 50)} ms, p95 ${result.bargein_p95_ms} ms (n=${fakeRun.stops.length})`);
  const cut = outcomes.filter((o) => o.cutOff).map((o) => `"${o.name}"`);
  console.log(`  labeled turns: ${cut.length} of ${outcomes.length} cut off${cut.length ? ` (${cut.join(', ')})` : ''}; `
    + `end-of-turn delay after the last word p50 ${percentile(delays, 50)} ms, p90 ${percentile(delays, 90)} ms`);
  console.log('local engines (pocketsphinx, espeak-ng), 1 session:');
  console.log(`  end of speech → first reply audio: p50 ${result.local_p50_ms} ms, p95 ${percentile(localRun.latencies, 95)} ms (n=${localRun.latencies.length})`);
  console.log(`  server stages, p50 ms from end of speech: ${JSON.stringify(localStages)}`);
  console.log(`  barge-in, speech onset → audio/clear: ${localRun.stops.map((ms) => `${ms} ms`).join(', ')} (finals only: decided by duration)`);
  console.log(JSON.stringify(result));
  await stopAllTestBackends();
}

main().catch((err) => { console.error(err); process.exit(1); });
