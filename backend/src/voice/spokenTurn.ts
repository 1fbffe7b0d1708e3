// One interviewer turn, spoken: the interviewer's text feeds a VoiceTurn (sentences → TTS → 20 ms chunks)
// whose frames the AudioSender sends. Records the turn's latency stages and, when barge-in cuts it short,
// which of its sentences the candidate heard.
import type { InterviewerOutput } from '../interviewer/interviewer';
import { dbfs, FRAME_SAMPLES, samplesForMs } from '../pipeline/audio';
import { type Frame, type InterruptReason, turnEnd } from '../pipeline/frames';
import { BoundedQueue } from '../pipeline/queue';
import { VoiceTurn } from '../pipeline/voiceTurn';
import type { SynthesizeOptions, TextToSpeech } from '../providers/types';
import type { SpokenResult, TurnSpeech } from './contract';
import type { LatencyMarks } from './latency';
import type { AudioSender } from './sender';

export interface SpokenTurnDeps {
  out: BoundedQueue<Frame>;
  sender: AudioSender;
  tts: TextToSpeech;
  latency: LatencyMarks;
  /** Each sentence as it goes to TTS: the barge-in policy's echo check wants the words. */
  onSentence(sentence: string): void;
  onFailure(error: unknown): void;
}

/** Where a sentence's words end in the turn's audio (its trailing silence does not count). */
interface SentenceEnd { text: string; voicedEnd: number }

/** Quieter than this (dBFS over 20 ms) is the pause after a sentence, not its words. */
const VOICED_DB = -50;

export class SpokenTurn implements TurnSpeech {
  readonly done: Promise<SpokenResult>;
  /** Sentences handed to TTS so far. */
  readonly sentences: string[] = [];
  audioStarted = false;
  finished = false;
  playbackStartedAt: number | null = null;
  private readonly outputs = new BoundedQueue<InterviewerOutput>({ capacity: 64 });
  private readonly voice: VoiceTurn;
  private readonly synthesized: SentenceEnd[] = [];
  private synthesizedSamples = 0;
  private heardSamples = 0;

  /** `isReply`: it answers something the candidate said (rather than opening, nudging, remarking on code). */
  constructor(readonly turnId: string, readonly isReply: boolean, private readonly controller: AbortController, private readonly deps: SpokenTurnDeps) {
    const onSentence = (sentence: string) => { this.sentences.push(sentence); deps.onSentence(sentence); };
    this.voice = new VoiceTurn(deps.out, { tts: this.countingTts(deps.tts), chunkMs: 20, onSentence }, turnId);
    // Aborting the turn elsewhere (the session ends) stops its speech too.
    controller.signal.addEventListener('abort', () => this.interrupt('session-end'), { once: true });
    this.done = this.run();
  }

  get interrupted(): boolean { return this.voice.interrupted; }

  async push(output: InterviewerOutput): Promise<void> {
    if (output.kind !== 'text') return;
    this.deps.latency.mark('firstToken');
    await this.outputs.push(output);
  }

  end(): void { this.outputs.close(); }

  audioSent(at: number): void {
    this.audioStarted = true;
    this.deps.latency.mark('firstAudioSent', at);
  }

  /** The client reported that playback of this turn started (`at` on the server's clock). */
  playbackStarted(at: number): void {
    this.playbackStartedAt ??= at;
    this.deps.latency.mark('firstAudioPlayed', at);
  }

  /** Stops the interviewer, TTS and the turn's queued audio; the sender tells the client to clear. */
  interrupt(reason: InterruptReason): void {
    if (this.voice.interrupted || this.finished) return;
    this.heardSamples = this.heardNow();
    this.deps.sender.cancel(this.turnId);
    this.voice.interrupt(reason);
    this.outputs.close();
    this.controller.abort(new Error(`turn ${reason}`));
  }

  private async run(): Promise<SpokenResult> {
    try {
      await this.voice.run(this.outputs);
    } catch (error) {
      this.deps.onFailure(error);
      await this.deps.out.push(turnEnd(this.turnId)); // speech failed, the text goes on: the sender must still see the end
    }
    await this.deps.sender.finished(this.turnId);
    this.finished = true;
    const interrupted = this.voice.interrupted;
    return { heardText: interrupted ? this.heardText() : null, interrupted, latency: this.deps.latency.toJSON() };
  }

  /**
   * Samples the candidate has heard. The sender paces audio at real time plus a short lead, so what was sent
   * is at most that lead ahead of what was played; once the client reported when playback started, the time
   * since bounds it more tightly.
   */
  private heardNow(): number {
    const sent = this.deps.sender.sentSamples(this.turnId);
    if (this.playbackStartedAt === null) return sent;
    return Math.min(sent, samplesForMs(Date.now() - this.playbackStartedAt));
  }

  /**
   * The stored text of an interrupted turn: the sentences whose audio was played in full before the cut.
   * A sentence cut mid-way is left out: what the candidate heard of it is a fragment, and a transcript that
   * errs toward less than was said does not credit the interviewer with a question nobody heard.
   */
  private heardText(): string {
    return this.synthesized.filter((s) => s.voicedEnd <= this.heardSamples).map((s) => s.text).join(' ');
  }

  /** The TTS provider, noting where each finished sentence's words end so they can be matched against playback. */
  private countingTts(tts: TextToSpeech): TextToSpeech {
    const turn = this;
    return {
      name: tts.name,
      capabilities: tts.capabilities,
      async *synthesize(text: string, options: SynthesizeOptions): AsyncIterable<Int16Array> {
        const start = turn.synthesizedSamples;
        let samples = 0;
        let voicedEnd = start;
        for await (const pcm of tts.synthesize(text, options)) {
          turn.deps.latency.mark('firstTtsAudio');
          for (let at = 0; at < pcm.length; at += FRAME_SAMPLES) {
            const window = pcm.subarray(at, at + FRAME_SAMPLES);
            if (dbfs(window) > VOICED_DB) voicedEnd = start + samples + at + window.length;
          }
          samples += pcm.length;
          yield pcm;
        }
        if (options.signal.aborted) return;
        turn.synthesizedSamples = start + samples;
        turn.synthesized.push({ text, voicedEnd });
      },
    };
  }
}
