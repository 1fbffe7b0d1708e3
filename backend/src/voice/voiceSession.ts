// Voice mode for one connection's session. Candidate audio (binary frames) goes to the recognizer and the
// CandidateListener (VAD, turn detector, barge-in policy); a finished spoken turn is stored through the
// LiveSession's answer path, exactly like a typed answer; every interviewer turn the LiveSession runs is
// spoken back (SpokenTurn → AudioSender → binary frames). The connection creates and closes it; the
// LiveSession sees only SessionVoice.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { assertNever } from '../../../protocol/src/domain';
import { LIMITS } from '../../../protocol/src/limits';
import type { VoiceState } from '../../../protocol/src/session';
import type { Metrics } from '../observability/metrics';
import { msForSamples } from '../pipeline/audio';
import type { Frame } from '../pipeline/frames';
import { type BoundedQueue, createFrameQueue } from '../pipeline/queue';
import type { TextToSpeech } from '../providers/types';
import type { LiveSession } from '../sessions/liveSession';
import type { SpeculativeReply } from '../sessions/speculativeReply';
import { STREAM_GAP_MS, VoiceClock } from './clock';
import type { HeldTurnSpeech, SessionVoice, SpokenAnswer, TurnSpeech } from './contract';
import { AudioIntake, type IntakeResult } from './intake';
import { LatencyMarks } from './latency';
import { CandidateListener, type ListenerEvent } from './listener';
import { sessionPhrases } from './phrases';
import { PlaybackTracker } from './playback';
import { type AudioLink, AudioSender } from './sender';
import { speechChains, type SpeechProviders } from './speech';
import { SpokenTurn } from './spokenTurn';
import { Transcriber } from './transcriber';
import { TurnAudioRecorder, type TurnAudioSink } from './turnRecorder';

export interface VoiceSessionDeps {
  speech: SpeechProviders;
  metrics: Metrics;
  log: Logger;
  /** Where each spoken turn's audio goes when it ends (the replay archive); none: not recorded. */
  audioSink?: TurnAudioSink;
}

/** Outgoing frames between TTS and the socket: one second of 20 ms audio. */
const FRAME_QUEUE = 50;
const RECENT_TURNS = 8;
/** A speculative reply's audio held until the end of turn is confirmed: a second is more than the first sentence needs. */
const HELD_FRAMES = 50;

export class VoiceSession implements SessionVoice {
  private readonly clock = new VoiceClock();
  private readonly intake = new AudioIntake();
  private readonly out = createFrameQueue(FRAME_QUEUE);
  private readonly sender: AudioSender;
  private readonly listener: CandidateListener;
  private readonly transcriber: Transcriber;
  private readonly tts: TextToSpeech;
  private readonly pauseTimer: NodeJS.Timeout;
  private readonly playback: PlaybackTracker;
  private readonly recent: SpokenTurn[] = [];
  private readonly recorder: TurnAudioRecorder | null;
  private current: SpokenTurn | null = null;
  private repliesOwed = 0;
  private state: VoiceState = 'listening';
  private phrasesKey: string;
  private streaming = false;
  private submissions: Promise<void> = Promise.resolve();
  private bargeInOnsetAt: number | null = null;
  /** The reply being prepared on a likely end of turn, for the words the candidate may be done with. */
  private speculation: SpeculativeReply | null = null;
  private closed = false;

  constructor(private readonly live: LiveSession, private readonly link: AudioLink, private readonly deps: VoiceSessionDeps) {
    const speech = speechChains(deps.speech, deps.log, deps.metrics);
    this.tts = speech.tts;
    this.recorder = deps.audioSink
      ? new TurnAudioRecorder(deps.audioSink, { id: live.id, startedAt: Date.parse(live.info().startedAt) },
        (err, turnId) => deps.log.warn({ err, turnId, sessionId: live.id }, 'archiving turn audio failed'))
      : null;
    this.sender = new AudioSender(this.out, link, {
      firstAudio: (turnId, at) => { this.turnById(turnId)?.audioSent(at); this.updateState(); },
      cleared: (_turnId, at) => this.cleared(at),
      audioSent: (turnId, pcm, at) => this.recorder?.sent(turnId, pcm, at),
    });
    this.listener = new CandidateListener(this.clock, (event) => this.heard(event));
    this.playback = new PlaybackTracker((turnId) => this.sender.sentSamples(turnId), () => { this.listener.playbackStopped(); this.updateState(); });
    this.phrasesKey = this.phrases().join('\n');
    this.transcriber = new Transcriber({
      stt: speech.stt, language: 'en-US', phrases: () => this.phrases(),
      onTranscript: (event) => this.listener.transcript(event),
      onFailure: (err, retryInMs) => this.speechFailed('stt', err, `Speech recognition failed; retrying in ${retryInMs / 1000} s. You can type meanwhile.`),
    });
    this.pauseTimer = setTimeout(() => this.streamPaused(), STREAM_GAP_MS);
    this.pauseTimer.unref();
  }

  /** One binary frame from the client. */
  audio(bytes: Uint8Array): IntakeResult {
    const frame = this.intake.accept(bytes);
    if (!frame.ok) {
      this.deps.metrics.voiceAudioRejected.inc({ reason: frame.reason });
      return frame;
    }
    if (this.closed) return frame;
    const start = this.clock.advance(msForSamples(frame.samples.length));
    this.streaming = true;
    this.pauseTimer.refresh();
    this.transcriber.write(frame.samples, start);
    this.listener.audio(frame.samples, start);
    return frame;
  }

  /** The client's audio/playback report. */
  playbackReported(turnId: string, state: 'started' | 'stopped'): void {
    const turn = this.turnById(turnId);
    if (!turn || this.closed) return;
    if (state === 'stopped') return this.playback.stopped(turn);
    if (!this.playback.started(turn)) return;
    turn.playbackStarted(Date.now());
    if (!turn.interrupted) this.listener.playbackStarted(turn.sentences);
    this.updateState();
  }

  beginTurn(turnId: string, controller: AbortController, answer: SpokenAnswer | null): TurnSpeech {
    const latency = answer
      ? new LatencyMarks('end-of-speech', answer.endedAt.getTime(), this.deps.metrics)
      : new LatencyMarks('turn-request', Date.now(), this.deps.metrics);
    const turn = this.spokenTurn(turnId, answer !== null, controller, this.out, latency, (err) => this.ttsFailed(err));
    this.adopt(turn, latency, answer);
    return turn;
  }

  prepareReply(turnId: string, controller: AbortController): HeldTurnSpeech {
    const held = createFrameQueue(HELD_FRAMES);
    const latency = new LatencyMarks(null, Date.now(), this.deps.metrics);
    let released = false;
    let failure: { error: unknown } | null = null;
    const turn = this.spokenTurn(turnId, true, controller, held, latency, (error) => {
      if (released) this.ttsFailed(error); else failure = { error };
    });
    // Discarded before release: the sender never hears of it, and nothing waits for it.
    controller.signal.addEventListener('abort', () => { if (!released) { held.close(); this.sender.discard(turnId); } }, { once: true });
    return {
      push: (output) => turn.push(output),
      end: () => turn.end(),
      done: turn.done,
      release: (answer) => {
        if (released || controller.signal.aborted) return;
        released = true;
        latency.publish('end-of-speech', answer.endedAt.getTime());
        this.adopt(turn, latency, answer);
        void this.forward(held);
        void turn.done.then(() => held.close());
        if (failure) this.ttsFailed(failure.error);
      },
    };
  }

  private spokenTurn(
    turnId: string, isReply: boolean, controller: AbortController, out: BoundedQueue<Frame>, latency: LatencyMarks, onFailure: (error: unknown) => void,
  ): SpokenTurn {
    const turn: SpokenTurn = new SpokenTurn(turnId, isReply, controller, {
      out, sender: this.sender, tts: this.tts, latency, onFailure,
      onSentence: (sentence) => { if (this.playback.turn === turn) this.listener.speaking(sentence); },
    });
    return turn;
  }

  /** The turn is now the one being spoken: its latency marks, the state, and barge-in see it. */
  private adopt(turn: SpokenTurn, latency: LatencyMarks, answer: SpokenAnswer | null): void {
    if (answer) {
      latency.mark('endOfTurn', answer.endOfTurnAt);
      if (answer.sttFinalAt !== null) latency.mark('sttFinal', answer.sttFinalAt);
      this.repliesOwed = Math.max(0, this.repliesOwed - 1);
    }
    this.refreshPhrases();
    if (this.closed) turn.interrupt('session-end');
    this.current = turn;
    this.recent.push(turn);
    if (this.recent.length > RECENT_TURNS) this.recent.shift();
    void turn.done.then(() => {
      void this.recorder?.ended(turn.turnId);
      if (this.current === turn) this.current = null;
      this.playback.turnSent(turn);
      this.updateState();
    });
    this.updateState();
  }

  /** A released reply's held frames (and those still to come) go to the sender, in order. */
  private async forward(held: BoundedQueue<Frame>): Promise<void> {
    for await (const frame of held) await this.out.push(frame);
  }

  private ttsFailed(error: unknown): void {
    this.speechFailed('tts', error, 'The interviewer’s voice failed; this reply is shown as text only.');
  }

  codeActivity(): void { this.listener.codeActivity(); }

  /** The connection is gone or leaving the session: stops speaking, listening and recognizing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.speculate(null);
    clearTimeout(this.pauseTimer);
    this.playback.dispose();
    this.current?.interrupt('session-end');
    this.listener.dispose();
    this.transcriber.close();
    this.out.close();
  }

  private heard(event: ListenerEvent): void {
    switch (event.kind) {
      case 'speech-started': this.live.candidateActive(); break;
      case 'caption': this.link.send({ type: 'transcript/partial', text: event.text }); break;
      case 'likely-end': this.speculate(event.text); break;
      case 'end-of-turn': this.endOfTurn(event); break;
      case 'barge-in': this.bargeIn(event.onsetMs); break;
      case 'backchannel': this.deps.metrics.voiceBargeIns.inc({ outcome: 'backchannel' }); break;
      default: assertNever(event, 'listener event');
    }
    this.updateState();
  }

  private endOfTurn(event: Extract<ListenerEvent, { kind: 'end-of-turn' }>): void {
    const answer: SpokenAnswer = {
      startedAt: new Date(this.clock.toWall(event.speechStartMs)),
      endedAt: new Date(this.clock.toWall(event.speechEndMs)),
      endOfTurnAt: this.clock.toWall(event.decidedMs),
      sttFinalAt: event.lastTranscriptMs === null ? null : this.clock.toWall(event.lastTranscriptMs),
    };
    this.repliesOwed++;
    const spokenOver = this.current;
    const text = event.text.slice(0, LIMITS.maxAnswerChars);
    // The reply prepared for exactly these words is the reply; one prepared for other words is dropped.
    const speculation = this.speculation?.text === text ? this.speculation : null;
    if (!speculation) this.speculate(null);
    this.speculation = null;
    this.submissions = this.submissions.then(async () => {
      // Stored after the turn it was said over (if any), so stored turns keep the order they were spoken in.
      if (spokenOver) await spokenOver.done;
      if (this.closed || this.live.ended) { speculation?.cancel(); this.repliesOwed = Math.max(0, this.repliesOwed - 1); return; }
      await this.live.answer(randomUUID(), text, answer, speculation ?? undefined);
    }).catch((err: unknown) => {
      speculation?.cancel();
      this.repliesOwed = Math.max(0, this.repliesOwed - 1);
      this.deps.log.error({ err, sessionId: this.live.id }, 'storing a spoken answer failed');
      this.link.send({ type: 'error', code: 'internal', message: 'Your spoken answer could not be stored; please say it again.', requestId: null, fatal: false });
      this.updateState();
    });
  }

  /**
   * A likely end of turn with these words (null: the candidate went on, or the words changed): the reply to
   * them is prepared now, while the turn detector still waits, and dropped if they turn out not to be the turn.
   */
  private speculate(text: string | null): void {
    const words = text?.slice(0, LIMITS.maxAnswerChars) ?? null;
    if (this.speculation && this.speculation.text === words) return;
    this.speculation?.cancel();
    this.speculation = null;
    if (words === null || this.closed || this.live.ended) return;
    this.speculation = this.live.speculate(words);
  }

  private bargeIn(onsetMs: number): void {
    const turn = this.playback.turn ?? this.current;
    if (!turn || turn.interrupted) return;
    this.deps.metrics.voiceBargeIns.inc({ outcome: 'interrupt' });
    this.bargeInOnsetAt = this.clock.toWall(onsetMs);
    turn.interrupt('barge-in');
  }

  private cleared(at: number): void {
    if (this.bargeInOnsetAt === null) return;
    this.deps.metrics.voiceBargeInStop.observe(Math.max(0, at - this.bargeInOnsetAt) / 1000);
    this.bargeInOnsetAt = null;
  }

  /** No audio for a while: the stream paused (push-to-talk released), so speech ended where the audio did. */
  private streamPaused(): void {
    if (!this.streaming || this.closed) return;
    this.streaming = false;
    this.listener.audioStopped();
    this.transcriber.finish();
  }

  private updateState(): void {
    if (this.closed) return;
    const turn = this.playback.turn ?? this.current;
    const speaking = turn !== null && turn.audioStarted && !turn.interrupted;
    const replying = this.repliesOwed > 0 || (this.current?.isReply === true && !this.current.audioStarted && !this.current.interrupted);
    const state: VoiceState = speaking ? 'speaking' : replying ? 'thinking' : 'listening';
    if (state === this.state) return;
    this.state = state;
    this.link.send({ type: 'voice/didChangeState', state });
  }

  private speechFailed(kind: 'stt' | 'tts', err: unknown, message: string): void {
    this.deps.log.warn({ err, kind, sessionId: this.live.id }, 'speech unavailable');
    this.link.send({ type: 'error', code: 'voice_unavailable', message, requestId: null, fatal: false });
  }

  /** A new recognizer picks up new identifiers from the code, but only between the candidate's turns. */
  private refreshPhrases(): void {
    const key = this.phrases().join('\n');
    if (key === this.phrasesKey || !this.listener.idle) return;
    this.phrasesKey = key;
    this.transcriber.finish();
  }

  private phrases(): string[] {
    return sessionPhrases(this.live.info().problem, this.live.buffer?.text ?? null);
  }

  private turnById(turnId: string): SpokenTurn | undefined {
    return this.recent.find((t) => t.turnId === turnId);
  }
}
