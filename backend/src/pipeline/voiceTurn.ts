// One spoken interviewer turn: interviewer text → sentences → TTS → 20–40 ms audio frames, into the
// session's outgoing frame queue. The text side and the speech side run concurrently with a bounded
// queue of sentences between them, so the first sentence is spoken while the rest is still generated.
// One AbortController per turn: barge-in aborts it, drops the turn's queued frames, and sends an
// `interrupt` frame that tells the client to clear its playback buffer.
import { randomUUID } from 'node:crypto';
import type { InterviewerOutput } from '../interviewer/interviewer';
import type { TextToSpeech } from '../providers/types';
import { PcmChunker, samplesForMs } from './audio';
import { type Frame, interrupt, type InterruptReason, llmText, ttsAudio, turnEnd } from './frames';
import { BoundedQueue } from './queue';
import { SentenceAggregator } from './sentenceAggregator';

export interface VoiceTurnOptions {
  tts: TextToSpeech;
  /** Outgoing audio chunk length: 20–40 ms keeps a client-side clear quick. */
  chunkMs?: number;
  /** Sentences allowed to wait for TTS; beyond it the text side waits (backpressure). */
  sentenceQueue?: number;
  /** Called as each sentence goes to TTS: the barge-in policy's echo check wants the words. */
  onSentence?: (sentence: string) => void;
  /** Interviewer outputs other than text (stage, memory, end), for the session to apply. */
  onOutput?: (output: Exclude<InterviewerOutput, { kind: 'text' }>) => void;
}

export interface VoiceTurnResult {
  turnId: string;
  /** What the interviewer said (all generated text when not interrupted). */
  text: string;
  interrupted: boolean;
  /** Audio chunks queued for the client. */
  chunks: number;
}

export class VoiceTurn {
  readonly turnId: string;
  private readonly controller = new AbortController();
  private interruptedBy: InterruptReason | null = null;

  constructor(private readonly out: BoundedQueue<Frame>, private readonly options: VoiceTurnOptions, turnId: string = randomUUID()) {
    const chunkMs = options.chunkMs ?? 20;
    if (chunkMs < 20 || chunkMs > 40) throw new RangeError('chunkMs must be within 20–40 ms');
    this.turnId = turnId;
  }

  get signal(): AbortSignal { return this.controller.signal; }
  get interrupted(): boolean { return this.interruptedBy !== null; }

  /**
   * Stops the turn now: aborts the interviewer and TTS, drops the turn's queued frames, and queues an
   * `interrupt` system frame (which overtakes any data frame) so the client clears its playback.
   */
  interrupt(reason: InterruptReason = 'barge-in'): void {
    if (this.interruptedBy) return;
    this.interruptedBy = reason;
    this.controller.abort(new Error(`turn ${reason}`));
    this.out.clearTurn(this.turnId);
    void this.out.push(interrupt(this.turnId, reason));
  }

  /** Runs the turn over the interviewer's outputs (created with this.signal); resolves when it is done. */
  async run(outputs: AsyncIterable<InterviewerOutput>): Promise<VoiceTurnResult> {
    const sentences = new BoundedQueue<string>({ capacity: this.options.sentenceQueue ?? 4 });
    let text = '';
    const produce = (async () => {
      const aggregator = new SentenceAggregator();
      try {
        for await (const output of outputs) {
          if (this.signal.aborted) break;
          if (output.kind !== 'text') { this.options.onOutput?.(output); continue; }
          text += output.delta;
          await this.out.push(llmText(this.turnId, output.delta));
          for (const sentence of aggregator.push(output.delta)) await sentences.push(sentence);
        }
        const rest = aggregator.flush();
        if (rest !== null && !this.signal.aborted) await sentences.push(rest);
      } finally {
        sentences.close();
      }
    })();
    const speak = this.speak(sentences);
    const [produced, spoken] = await Promise.allSettled([produce, speak]);
    // A failing provider after barge-in is expected noise; before it, it is the turn's error.
    for (const r of [produced, spoken]) if (r.status === 'rejected' && !this.signal.aborted) throw r.reason;
    const chunks = spoken.status === 'fulfilled' ? spoken.value : 0;
    if (!this.interrupted) await this.out.push(turnEnd(this.turnId, false));
    return { turnId: this.turnId, text, interrupted: this.interrupted, chunks };
  }

  private async speak(sentences: BoundedQueue<string>): Promise<number> {
    const chunker = new PcmChunker(samplesForMs(this.options.chunkMs ?? 20));
    let seq = 0;
    try {
      for await (const sentence of sentences) {
        if (this.signal.aborted) break;
        this.options.onSentence?.(sentence);
        for await (const pcm of this.options.tts.synthesize(sentence, { signal: this.signal })) {
          if (this.signal.aborted) break;
          for (const chunk of chunker.push(pcm)) await this.out.push(ttsAudio(this.turnId, chunk, seq++));
        }
      }
      const last = chunker.flush();
      if (last && !this.signal.aborted) await this.out.push(ttsAudio(this.turnId, last, seq++));
      return seq;
    } finally {
      // Unblocks the text side if speech stopped first (abort or TTS failure).
      sentences.close();
    }
  }
}
