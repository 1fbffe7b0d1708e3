// The candidate's speech → text. One STT session at a time: started on the first audio after a break with
// the session's current phrases, ended at a break (a pause in the audio stream, or new phrases from the
// code) while its last finals still come in. Transcript times are moved onto the voice session's timeline.
// A failed session is replaced on the next audio, after a backoff so a broken engine is not respawned 50
// times a second.
import { SAMPLE_RATE } from '../pipeline/audio';
import type { SpeechToText, SttSession, TranscriptEvent } from '../providers/types';

export interface TranscriberOptions {
  stt: SpeechToText;
  language: string;
  phrases: () => string[];
  onTranscript: (event: TranscriptEvent) => void;
  onFailure: (error: unknown, retryInMs: number) => void;
  now?: () => number;
}

const BACKOFF_MS = [1_000, 2_000, 5_000, 15_000, 30_000];

export class Transcriber {
  private current: SttSession | null = null;
  private readonly live = new Set<SttSession>();
  private failures = 0;
  private retryAt = 0;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: TranscriberOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Writes audio that starts at `atMs` on the timeline. */
  write(pcm: Int16Array, atMs: number): void {
    if (this.closed) return;
    if (!this.current) {
      if (this.now() < this.retryAt) return;
      this.current = this.start(atMs);
    }
    this.current?.write(pcm);
  }

  /** Ends the current session: its last finals still arrive; the next audio starts a new one. */
  finish(): void {
    const session = this.current;
    this.current = null;
    session?.end();
  }

  close(): void {
    this.closed = true;
    this.current = null;
    for (const session of this.live) session.close();
    this.live.clear();
  }

  private start(offsetMs: number): SttSession | null {
    let session: SttSession;
    try {
      session = this.options.stt.start({ sampleRate: SAMPLE_RATE, language: this.options.language, phrases: this.options.phrases() });
    } catch (error) {
      this.failed(error);
      return null;
    }
    this.live.add(session);
    void this.pump(session, offsetMs);
    return session;
  }

  private async pump(session: SttSession, offsetMs: number): Promise<void> {
    const shift = (ms: number | undefined) => (ms === undefined ? undefined : ms + offsetMs);
    try {
      for await (const event of session.events) {
        if (this.closed) return;
        if (event.kind === 'final') this.failures = 0;
        this.options.onTranscript({ ...event, startMs: shift(event.startMs), endMs: shift(event.endMs) });
      }
    } catch (error) {
      if (this.closed) return;
      if (this.current === session) this.current = null;
      this.failed(error);
    } finally {
      this.live.delete(session);
    }
  }

  private failed(error: unknown): void {
    const wait = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)];
    this.failures++;
    this.retryAt = this.now() + wait;
    this.options.onFailure(error, wait);
  }
}
