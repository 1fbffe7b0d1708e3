// Chromium's fake microphone for voice tests: a WAV spoken by flite at run time (no audio is committed), fed with
// --use-file-for-fake-audio-capture. Chromium fixes its flags at launch, so the WAV exists before the browser starts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeWav, SAMPLE_RATE } from '../../backend/src/pipeline/audio';
import { fliteSpeech } from '../unit/providers/support/speech';
import { FAKE_MIC_ARGS } from './codeServer';

/** What the fake microphone says in the in-host voice test (words pocketsphinx hears reliably in flite's voice). */
export const FAKE_MIC_ANSWER = 'can the array contain negative numbers';

export interface FakeMic { wavFile: string; text: string; chromiumArgs: string[] }

/**
 * Writes `<dir>/fake-mic.wav`: a little silence (the capture graph starts), the answer, then silence (the end of
 * the turn). It plays once from the moment getUserMedia opens the mic (%noloop); re-opening the mic replays it.
 */
export function fakeMicWav(dir: string, text = FAKE_MIC_ANSWER, leadMs = 1500, tailMs = 3000): FakeMic {
  const speech = fliteSpeech(text);
  const pcm = new Int16Array(((leadMs + tailMs) * SAMPLE_RATE) / 1000 + speech.length);
  pcm.set(speech, (leadMs * SAMPLE_RATE) / 1000);
  const wavFile = path.join(dir, 'fake-mic.wav');
  fs.writeFileSync(wavFile, encodeWav(pcm));
  return {
    wavFile, text,
    // The autoplay flag stands in for the click a person gives the panel before its audio may start.
    chromiumArgs: [...FAKE_MIC_ARGS, `--use-file-for-fake-audio-capture=${wavFile}%noloop`, '--autoplay-policy=no-user-gesture-required'],
  };
}
