// Speech for provider tests, synthesized at test time by the Debian engines (no audio in the repo).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, resample, SAMPLE_RATE } from '../../../../backend/src/pipeline/audio';

export function hasBinary(name: string): boolean {
  try { execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** `text` spoken by flite's `rms` voice (clearer to a recognizer than espeak), as 16 kHz PCM. */
export function fliteSpeech(text: string, voice = 'rms'): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), 'mocktalk-flite-'));
  try {
    const file = join(dir, 'speech.wav');
    execFileSync('flite', ['-voice', voice, '-o', file], { input: text, stdio: ['pipe', 'ignore', 'pipe'] });
    const { sampleRate, pcm } = decodeWav(readFileSync(file));
    return sampleRate === SAMPLE_RATE ? pcm : resample(pcm, sampleRate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
