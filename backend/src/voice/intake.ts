// Candidate audio frames as they arrive: decoded and validated (protocol/src/audio.ts), then checked against
// the 16 kHz they claim by comparing the samples received with the client's capture clock. A client that
// sends 48 kHz or 8 kHz audio as 16 kHz is told so, rather than silently misheard.
import { AUDIO_SAMPLE_RATE, decodeCandidateAudio } from '../../../protocol/src/audio';

export type IntakeResult =
  | { ok: true; samples: Int16Array; seq: number; captureTs: number }
  /** `report` is false for the frames after the first of a bad run, so one mistake is one error, not fifty a second. */
  | { ok: false; reason: 'malformed' | 'sample-rate'; message: string; report: boolean };

/** Capture time a rate estimate needs; shorter runs are too noisy to judge. */
const RATE_WINDOW_MS = 1000;
/** Off by more than this share, the audio is not 16 kHz (real clocks drift by well under 1 %). */
const RATE_TOLERANCE = 0.2;
/** A capture-time jump this large starts a new run (push-to-talk, a re-opened mic). */
const RUN_GAP_MS = 500;

interface Run { firstTs: number; samples: number; lastSeq: number; lastTs: number }

export class AudioIntake {
  private run: Run | null = null;
  private rateError: string | null = null;

  accept(bytes: Uint8Array): IntakeResult {
    const frame = decodeCandidateAudio(bytes);
    if (!frame.ok) return { ok: false, reason: 'malformed', message: frame.reason, report: true };
    const judged = this.judgeRate(frame.seq, frame.captureTs, frame.samples.length);
    if (this.rateError !== null) return { ok: false, reason: 'sample-rate', message: this.rateError, report: judged };
    return { ok: true, samples: frame.samples, seq: frame.seq, captureTs: frame.captureTs };
  }

  /** Updates the estimate with a frame; true when it just judged a window (and found it wrong). */
  private judgeRate(seq: number, captureTs: number, samples: number): boolean {
    const run = this.run;
    if (!run || seq !== (run.lastSeq + 1) >>> 0 || captureTs < run.lastTs || captureTs - run.lastTs > RUN_GAP_MS) {
      this.run = { firstTs: captureTs, samples, lastSeq: seq, lastTs: captureTs };
      return false;
    }
    const elapsed = captureTs - run.firstTs;
    if (elapsed < RATE_WINDOW_MS) {
      run.samples += samples;
      run.lastSeq = seq;
      run.lastTs = captureTs;
      return false;
    }
    const rate = (run.samples * 1000) / elapsed;
    const wrong = Math.abs(rate / AUDIO_SAMPLE_RATE - 1) > RATE_TOLERANCE;
    this.rateError = wrong
      ? `audio arrives at about ${Math.round(rate / 100) / 10} kHz by its capture timestamps; frames must be ${AUDIO_SAMPLE_RATE / 1000} kHz mono PCM16 (resample before sending)`
      : null;
    this.run = { firstTs: captureTs, samples, lastSeq: seq, lastTs: captureTs };
    return wrong;
  }
}
