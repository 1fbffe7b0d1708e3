// One session running on this instance: its buffer, its interviewer turns, and the connection it reports to.
// Everything it knows is rebuilt from Postgres by `load`, so a client can resume on any instance.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { ServerMessage } from '../../../protocol/src/session';
import { assertNever, type Stage } from '../../../protocol/src/domain';
import { InterviewSession, type TestRun, type Turn, type TurnLatency } from '../db/entities';
import type {
  CodeState, InterviewContext, Interviewer, InterviewerEvent, InterviewerMemory, TestRunSummary, TurnRecord,
} from '../interviewer/interviewer';
import { DEFAULT_RUN_LIMITS, type TestRunResult } from '../../../protocol/src/testRun';
import type { Metrics } from '../observability/metrics';
import type { SpokenAnswer, SpokenResult } from '../voice/contract';
import type { VoiceLatency } from '../voice/latency';
import { VoiceSeat } from '../voice/voiceSeat';
import { toProblemSpec, toEvaluationView, toSessionInfo, toTurnView } from './views';
import { CodeBuffer } from './codeBuffer';
import type { SessionStore } from './sessionStore';
import { type SpeculationBasis, SpeculativeReply } from './speculativeReply';

export type MessageSink = (message: ServerMessage) => void;

export interface LiveSessionDeps {
  orm: MikroORM;
  log: Logger;
  metrics: Metrics;
  sessions: SessionStore;
  interviewer: Interviewer;
  snapshotDebounceMs: number;
  idleNudgeMs: number;
}

/** Nudges in a row with no sign of life; after that the interviewer waits for the candidate. */
const MAX_IDLE_NUDGES = 3;

export class LiveSession {
  private sink: MessageSink | null = null;
  private turnChain: Promise<void> = Promise.resolve();
  /** Interviewer turns queued or running. */
  private pendingTurns = 0;
  private currentTurn: AbortController | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotSeq: number | null;
  private idleTimer: NodeJS.Timeout | null = null;
  private idleNudges = 0;
  private disposed = false;
  /** Voice mode: every interviewer turn is also spoken through the seated voice (the connection's or a companion page's). */
  readonly voices = new VoiceSeat((message) => this.send(message));

  private constructor(
    private readonly deps: LiveSessionDeps,
    private session: InterviewSession,
    private readonly turns: TurnRecord[],
    public buffer: CodeBuffer | null,
    snapshotSeq: number | null,
    private readonly testRuns: TestRunSummary[],
  ) {
    this.snapshotSeq = snapshotSeq;
  }

  static async load(deps: LiveSessionDeps, sessionId: string): Promise<LiveSession> {
    const em = deps.orm.em.fork();
    const session = await em.findOneOrFail(InterviewSession, { id: sessionId }, { populate: ['problem'] });
    const turns = await deps.sessions.turnsAfter(em, sessionId, 0);
    const snapshot = await deps.sessions.latestSnapshot(em, sessionId);
    const buffer = snapshot
      ? new CodeBuffer(snapshot.text, snapshot.documentVersion, snapshot.language, snapshot.cursor ?? null, snapshot.selection ?? null, snapshot.diagnostics)
      : null;
    const runs = await deps.sessions.completedTestRuns(em, sessionId);
    return new LiveSession(deps, session, turns.map(toRecord), buffer, snapshot?.seq ?? null, runs.map(toRunSummary));
  }

  get id(): string { return this.session.id; }
  get ended(): boolean { return this.session.state === 'ended'; }
  get lastSeq(): number { return this.turns.at(-1)?.seq ?? 0; }
  info() { return toSessionInfo(this.session); }
  /** True while an interviewer turn or a snapshot write is pending. */
  get busy(): boolean { return this.currentTurn !== null || this.snapshotTimer !== null; }

  attach(sink: MessageSink): void { this.sink = sink; this.activity(); }
  detach(sink: MessageSink): void {
    if (this.sink !== sink) return;
    this.sink = null;
    this.stopIdleTimer();
  }

  /** The candidate began speaking: like typing, it restarts the silence clock. */
  candidateActive(): void { this.activity(); }

  /** The candidate did something (spoke, typed): restart the silence clock. */
  private activity(): void {
    this.idleNudges = 0;
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    this.stopIdleTimer();
    if (!this.sink || this.ended || this.disposed || this.idleNudges >= MAX_IDLE_NUDGES) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.idleNudges += 1;
      this.queueInterviewer({ kind: 'candidate-idle', idleMs: this.deps.idleNudgeMs * this.idleNudges }, Date.now());
    }, this.deps.idleNudgeMs);
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private send(message: ServerMessage): void { this.sink?.(message); }

  /**
   * Stores the candidate's answer (idempotent on clientMessageId) and queues the interviewer's reply. A
   * spoken answer (voice mode) carries its real times and the marks its reply's latency counts from.
   */
  async answer(clientMessageId: string, text: string, spoken?: SpokenAnswer, speculation?: SpeculativeReply): Promise<void> {
    const now = new Date();
    let appended;
    try {
      appended = await this.deps.sessions.appendTurn(this.deps.orm.em.fork(), this.id, {
        speaker: 'candidate', text, stage: this.session.stage, startedAt: spoken?.startedAt ?? now, endedAt: spoken?.endedAt ?? now, clientMessageId,
      });
    } catch (err) {
      speculation?.cancel();
      throw err;
    }
    const { turn, duplicate } = appended;
    this.send({ type: 'turn/didComplete', turn: toTurnView(turn), replayed: duplicate });
    const reply = spoken && speculation && !duplicate && this.speculationHolds(speculation, text, turn.seq) ? speculation : undefined;
    if (!reply) speculation?.cancel();
    if (duplicate) return;
    this.activity();
    this.record(turn);
    this.queueInterviewer({ kind: 'candidate-answer', text }, Date.now(), spoken, reply);
  }

  /**
   * Voice mode, on a likely end of the candidate's turn: starts the reply to `text` as if it were the stored
   * answer, without storing, sending or counting anything. answer() commits it if the turn ends with these
   * words and nothing else happened meanwhile; otherwise it is cancelled. Null while another turn is pending.
   */
  speculate(text: string): SpeculativeReply | null {
    if (this.ended || this.disposed || this.pendingTurns > 0) return null;
    const context = this.context();
    const answer: TurnRecord = { seq: this.lastSeq + 1, speaker: 'candidate', text, stage: this.session.stage };
    const voice = this.voices.voice;
    return new SpeculativeReply(text, this.basis(),
      (signal) => this.deps.interviewer.respond({ ...context, turns: [...this.turns, answer] }, { kind: 'candidate-answer', text }, signal),
      voice ? (turnId, controller) => voice.prepareReply(turnId, controller) : null);
  }

  /** What a speculative reply starts from: the stored turns, the interviewer's state, the code, the test runs. */
  private basis(): SpeculationBasis {
    return { seq: this.lastSeq, stage: this.session.stage, memory: this.session.memory, codeVersion: this.buffer?.version ?? null, testRuns: this.testRuns.length };
  }

  /** The speculative reply still answers the answer just stored as `seq`: same words, nothing changed since. */
  private speculationHolds(reply: SpeculativeReply, text: string, seq: number): boolean {
    const was = reply.basis;
    const now = this.basis();
    return !reply.cancelled && reply.text === text && seq === was.seq + 1 && this.pendingTurns === 0
      && now.stage === was.stage && now.memory === was.memory && now.codeVersion === was.codeVersion && now.testRuns === was.testRuns;
  }

  /** Called after the buffer changed: stores a snapshot once edits go quiet, then lets the interviewer react. */
  codeChanged(): void {
    this.activity();
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      void this.flushSnapshot().then((stored) => { if (stored && !this.ended) this.queueInterviewer({ kind: 'code-settled' }, Date.now()); });
    }, this.deps.snapshotDebounceMs);
  }

  /** The candidate typed (not just opened the file): in voice mode, typing during a pause keeps the spoken turn open. */
  codeEdited(): void {
    this.voices.voice?.codeActivity();
    this.codeChanged();
  }

  /** Writes the buffer now if a snapshot is pending; returns whether a new snapshot was stored. */
  async flushSnapshot(): Promise<boolean> {
    if (this.snapshotTimer) { clearTimeout(this.snapshotTimer); this.snapshotTimer = null; }
    const buffer = this.buffer;
    if (!buffer) return false;
    try {
      const snapshot = await this.deps.sessions.saveSnapshot(this.deps.orm.em.fork(), this.id, {
        language: buffer.language, text: buffer.text, documentVersion: buffer.version,
        cursor: buffer.cursor, selection: buffer.selection, diagnostics: buffer.diagnostics,
      });
      const isNew = snapshot.seq !== this.snapshotSeq;
      this.snapshotSeq = snapshot.seq;
      return isNew;
    } catch (err) {
      this.deps.log.error({ err, sessionId: this.id }, 'storing a code snapshot failed');
      return false;
    }
  }

  start(): void { this.queueInterviewer({ kind: 'session-start' }, Date.now()); }

  /** Sends the hidden tests to the client for a run on the candidate's machine. */
  async requestTests(requestedBy: 'candidate' | 'interviewer', requestId: string | null): Promise<void> {
    const run = await this.deps.sessions.createTestRun(this.deps.orm.em.fork(), this.id, requestedBy);
    const problem = this.session.problem;
    this.send({
      type: 'tests/runRequested', requestId,
      run: { runId: run.id, language: this.session.language, functionName: problem.functionName, testCases: problem.testCases, limits: DEFAULT_RUN_LIMITS },
    });
  }

  /** Stores a run's results against the snapshot they ran on, then lets the interviewer react. */
  async recordTests(runId: string, documentVersion: number, result: TestRunResult): Promise<void> {
    await this.flushSnapshot();
    const ranOnCurrent = this.buffer?.version === documentVersion;
    const { run, duplicate } = await this.deps.sessions.completeTestRun(this.deps.orm.em.fork(), this.id, runId, {
      snapshotSeq: ranOnCurrent ? this.snapshotSeq : null, documentVersion, result,
    });
    if (duplicate) return;
    const summary = toRunSummary(run);
    this.testRuns.push(summary);
    this.queueInterviewer({ kind: 'tests-completed', run: summary }, Date.now());
  }

  /** Ends the interview: stops the interviewer, stores the last snapshot and the evaluation. */
  async end(requestId: string | null): Promise<void> {
    this.currentTurn?.abort();
    await this.turnChain;
    await this.flushSnapshot();
    const em = this.deps.orm.em.fork();
    const session = await em.findOneOrFail(InterviewSession, { id: this.id }, { populate: ['problem'] });
    const draft = await this.deps.interviewer.evaluate(this.context());
    const evaluation = await this.deps.sessions.end(em, session, draft);
    this.session = session;
    this.send({ type: 'session/didChangeState', state: session.state, stage: session.stage });
    this.send({ type: 'session/didEnd', requestId, evaluation: toEvaluationView(evaluation) });
    this.voices.toCompanion({ type: 'session/didChangeState', state: session.state, stage: session.stage });
  }

  /** Waits for in-flight work (the interviewer's turn, a pending snapshot) so nothing is lost on shutdown. */
  async drain(): Promise<void> {
    await this.turnChain;
    await this.flushSnapshot();
  }

  dispose(): void {
    this.disposed = true;
    this.sink = null;
    this.stopIdleTimer();
  }

  private context(): InterviewContext {
    const b = this.buffer;
    const code: CodeState | null = b
      ? { text: b.text, language: b.language, version: b.version, cursor: b.cursor, diagnostics: b.diagnostics, snapshotSeq: this.snapshotSeq }
      : null;
    return {
      problem: toProblemSpec(this.session.problem), stage: this.session.stage, turns: this.turns, code,
      memory: this.session.memory, elapsedMs: Date.now() - this.session.startedAt.getTime(), testRuns: this.testRuns,
    };
  }

  private record(turn: Turn): void {
    if (!this.turns.some((t) => t.seq === turn.seq)) this.turns.push(toRecord(turn));
  }

  private queueInterviewer(event: InterviewerEvent, requestedAt: number, spoken?: SpokenAnswer, speculation?: SpeculativeReply): void {
    this.pendingTurns++;
    this.turnChain = this.turnChain.then(() => this.runInterviewerTurn(event, requestedAt, spoken, speculation)).catch((err) => {
      this.deps.log.error({ err, sessionId: this.id, event: event.kind }, 'interviewer turn failed');
      this.send({ type: 'error', code: 'internal', message: 'The interviewer could not answer; please try again.', requestId: null, fatal: false });
    }).finally(() => { this.pendingTurns--; });
  }

  /** One interviewer turn; with `speculation`, the reply already prepared for this answer is the turn. */
  private async runInterviewerTurn(event: InterviewerEvent, requestedAt: number, spoken?: SpokenAnswer, speculation?: SpeculativeReply): Promise<void> {
    if (this.ended || this.disposed) { speculation?.cancel(); return; }
    const controller = speculation?.controller ?? new AbortController();
    this.currentTurn = controller;
    const turnId = speculation?.turnId ?? randomUUID();
    const startedAt = new Date();
    let text = '';
    let stage: Stage = this.session.stage;
    let memory: InterviewerMemory = this.session.memory;
    let endAfter = false;
    let runTests = false;
    let firstTokenMs: number | undefined;
    const held = speculation?.speech ?? null;
    const release = () => { if (held && spoken) held.release(spoken); };
    const speech = held ?? this.voices.voice?.beginTurn(turnId, controller, spoken ?? null) ?? null;
    const outputs = speculation ? speculation.outputs() : this.deps.interviewer.respond(this.context(), event, controller.signal);
    let heard: SpokenResult | null = null;
    try {
      for await (const output of outputs) {
        switch (output.kind) {
          case 'text':
            if (text === '') {
              firstTokenMs = Date.now() - requestedAt;
              this.deps.metrics.interviewerFirstToken.observe(firstTokenMs / 1000);
              this.send({ type: 'turn/didStart', turnId, speaker: 'interviewer', stage });
              release(); // the held audio may follow turn/didStart now
            }
            text += output.delta;
            this.send({ type: 'turn/delta', turnId, text: output.delta });
            break;
          case 'stage': stage = output.stage; break;
          case 'memory': memory = output.memory; break;
          case 'run-tests': runTests = true; break;
          case 'end': endAfter = true; break;
          default: assertNever(output, 'interviewer output');
        }
        // After turn/didStart: the turn's audio must not arrive before it. A speculative reply is spoken already.
        if (!speculation) await speech?.push(output);
      }
    } catch (err) {
      const cutOff = controller.signal.aborted; // by barge-in or the end: an interviewer may throw as it stops
      controller.abort(); // a failed turn is not stored, so it is not spoken on either
      if (!cutOff) throw err;
    } finally {
      if (!controller.signal.aborted) release(); // a reply with no words still ends through the sender
      speech?.end();
      heard = speech ? await speech.done : null; // a spoken turn lasts as long as its audio
      this.currentTurn = null;
    }
    const stageChanged = stage !== this.session.stage;
    await this.persistInterviewerState(stage, memory);
    if (text.trim() !== '') {
      // Voice stages ride in the same JSON column, as `voice`.
      const latency: TurnLatency = {
        firstTokenMs, completeMs: Date.now() - requestedAt, ...(heard ? { voice: heard.latency } : {}),
      };
      // A spoken turn cut off by barge-in keeps only what was heard (possibly nothing): it still completes,
      // so every turn/didStart a client saw gets its turn/didComplete.
      const { turn } = await this.deps.sessions.appendTurn(this.deps.orm.em.fork(), this.id, {
        id: turnId, speaker: 'interviewer', text: (heard?.heardText ?? text).trim(), stage, startedAt, endedAt: new Date(),
        interrupted: controller.signal.aborted, latency,
      });
      this.deps.metrics.turns.inc({ speaker: 'interviewer' });
      this.record(turn);
      this.send({ type: 'turn/didComplete', turn: toTurnView(turn), replayed: false });
    }
    if (stageChanged) this.send({ type: 'session/didChangeState', state: this.session.state, stage });
    if (runTests && !endAfter) await this.requestTests('interviewer', null);
    this.armIdleTimer(); // the silence clock starts when the interviewer stops talking
    if (endAfter) {
      // Queued behind this turn's chain entry: end() awaits turnChain, so run it after we return.
      setImmediate(() => { void this.end(null).catch((err) => this.deps.log.error({ err }, 'ending session failed')); });
    }
  }

  private async persistInterviewerState(stage: Stage, memory: InterviewerMemory): Promise<void> {
    if (stage === this.session.stage && memory === this.session.memory) return;
    const em = this.deps.orm.em.fork();
    await em.nativeUpdate(InterviewSession, { id: this.id }, { stage, memory });
    this.session.stage = stage;
    this.session.memory = memory;
  }
}

function toRunSummary(run: TestRun): TestRunSummary {
  const result = run.result;
  return {
    runId: run.id, requestedBy: run.requestedBy, passed: run.passed, failed: run.failed, missing: result?.missing ?? null,
    firstFailure: result?.cases.find((c) => c.verdict !== 'pass') ?? null, snapshotSeq: run.snapshotSeq ?? null,
  };
}

function toRecord(turn: Turn): TurnRecord {
  return { seq: turn.seq, speaker: turn.speaker, text: turn.text, stage: turn.stage };
}
