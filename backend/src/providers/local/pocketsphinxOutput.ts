// Parses `pocketsphinx_continuous -time yes` output: per utterance, a hypothesis line followed by one
// line per word (`word start end confidence`, seconds from stream start), from `<s>` to `</s>`.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface Utterance { text: string; startMs?: number; endMs?: number }

const NUMBER = /^-?\d+(?:\.\d+)?$/;

export async function* parseUtterances(stdout: Readable): AsyncIterable<Utterance> {
  let hypothesis: string | null = null;
  let startMs: number | undefined;
  for await (const line of createInterface({ input: stdout, crlfDelay: Infinity })) {
    const tokens = line.trim().split(/\s+/);
    const isWordLine = tokens.length === 4 && tokens.slice(1).every((t) => NUMBER.test(t));
    if (!isWordLine) {
      if (hypothesis !== null) yield { text: hypothesis, startMs }; // a previous utterance without timings
      hypothesis = line.trim();
      startMs = undefined;
      continue;
    }
    const [word, start] = tokens;
    // The `<s>` and `</s>` markers are the silences around the utterance: speech lies between them.
    if (word === '<s>') startMs = Math.round(Number(tokens[2]) * 1000);
    if (word === '</s>' && hypothesis !== null) {
      yield { text: hypothesis, startMs, endMs: Math.round(Number(start) * 1000) };
      hypothesis = null;
    }
  }
  if (hypothesis !== null) yield { text: hypothesis, startMs };
}
