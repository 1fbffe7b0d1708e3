// Keeps what the sender actually put on the wire for each interviewer turn, and hands the whole turn to a
// sink (the audio archive) when its speech is over. A cut-off turn keeps exactly what was sent before the cut.
import { concatPcm, samplesForMs } from '../pipeline/audio';

export interface RecordedTurnAudio {
  sessionId: string;
  /** Epoch ms; the replay clock counts from here. */
  sessionStartedAt: number;
  turnId: string;
  pcm: Int16Array;
  /** Epoch ms at which the turn's first audio was sent. */
  firstSentAt: number;
}

export interface TurnAudioSink {
  save(audio: RecordedTurnAudio): Promise<void>;
}

/** A turn speaking longer than this is recorded up to here (a bound on memory, ~9.6 MB). */
export const MAX_RECORDED_MS = 5 * 60_000;
const MAX_SAMPLES = samplesForMs(MAX_RECORDED_MS);

interface Recording { chunks: Int16Array[]; samples: number; firstSentAt: number }

export class TurnAudioRecorder {
  private readonly turns = new Map<string, Recording>();

  constructor(
    private readonly sink: TurnAudioSink,
    private readonly session: { id: string; startedAt: number },
    private readonly onError: (err: unknown, turnId: string) => void,
  ) {}

  /** One chunk of a turn went out at `at`. */
  sent(turnId: string, pcm: Int16Array, at: number): void {
    let recording = this.turns.get(turnId);
    if (!recording) this.turns.set(turnId, recording = { chunks: [], samples: 0, firstSentAt: at });
    const room = MAX_SAMPLES - recording.samples;
    if (room <= 0) return;
    const kept = pcm.length > room ? pcm.slice(0, room) : pcm.slice(); // the sender's buffers are not ours to keep
    recording.chunks.push(kept);
    recording.samples += kept.length;
  }

  /** The turn's speech is over: archive what was sent (nothing, if no audio went out). */
  async ended(turnId: string): Promise<void> {
    const recording = this.turns.get(turnId);
    if (!recording) return;
    this.turns.delete(turnId);
    try {
      await this.sink.save({
        sessionId: this.session.id, sessionStartedAt: this.session.startedAt, turnId,
        pcm: concatPcm(recording.chunks), firstSentAt: recording.firstSentAt,
      });
    } catch (err) {
      this.onError(err, turnId);
    }
  }
}
