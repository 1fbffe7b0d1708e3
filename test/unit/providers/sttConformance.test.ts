// The shared STT conformance suite for the local engine, alone and as the last link of a chain; the cloud
// engines register it in their own test files (against their fakes, and the real vendor when a key is set).
import { FallbackSpeechToText } from '../../../backend/src/providers/fallback';
import { PocketsphinxStt } from '../../../backend/src/providers/local/pocketsphinxStt';
import type { SpeechToText } from '../../../backend/src/providers/types';
import { fliteSpeech, hasBinary } from './support/speech';
import { sttConformance } from './support/sttConformance';

const SENTENCE = 'I would use a hash map to store the indices.';
let speech: Int16Array | null = null;
const clip = { audio: () => (speech ??= fliteSpeech(SENTENCE)), words: ['hash', 'map'], phrases: ['twoSum', 'indices'] };
const needsTools = () => (hasBinary('pocketsphinx_continuous') && hasBinary('flite') ? null : 'needs Debian pocketsphinx and flite');

sttConformance('pocketsphinx-domain', () => new PocketsphinxStt(), clip, { skipReason: needsTools });

/** A recognizer that cannot start, ahead of pocketsphinx: the chain must still conform. */
const down: SpeechToText = {
  name: 'down',
  capabilities: { streaming: true, interimResults: false },
  start: () => { throw new Error('down'); },
};
sttConformance('fallback(down, pocketsphinx-domain)', () => new FallbackSpeechToText([down, new PocketsphinxStt()], {
  stallMs: 3000, endMs: 4000, speechDb: -45, replayMs: 15_000, onFailure: () => undefined,
}), clip, { skipReason: needsTools });
