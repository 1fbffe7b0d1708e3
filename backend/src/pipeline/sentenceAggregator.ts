// Interviewer text deltas → whole sentences, so TTS can speak the first sentence while the rest is still
// being generated. A period is not always an end: "e.g.", "nums.length", "3.14", "1. Sort …"; and a
// boundary at the end of the buffer waits for the next delta, which shows what follows it.

/** Abbreviations that never end a sentence (lowercase, without the final period). */
const NEVER_ENDS = new Set(['e.g', 'i.e', 'vs', 'mr', 'mrs', 'ms', 'dr', 'cf', 'approx', 'resp', 'fig', 'eg', 'ie']);
/** Closing marks that belong to the sentence they follow. */
const CLOSERS = new Set(['"', "'", ')', ']', '”', '’', '*', '_', '`']);
const TERMINATORS = new Set(['.', '!', '?', '…']);

export interface SentenceAggregatorOptions {
  /** Past this length without an end, break at the last comma/semicolon/colon so speech can start. */
  softMaxChars: number;
}

export class SentenceAggregator {
  private buffer = '';

  constructor(private readonly options: SentenceAggregatorOptions = { softMaxChars: 200 }) {}

  /** Adds a delta; returns the sentences it completed, in order. */
  push(delta: string): string[] {
    this.buffer += delta;
    const out: string[] = [];
    for (;;) {
      const cut = findBoundary(this.buffer, false) ?? this.softBreak();
      if (cut === null) break;
      const sentence = this.buffer.slice(0, cut).trim();
      this.buffer = this.buffer.slice(cut);
      if (sentence !== '') out.push(sentence);
    }
    return out;
  }

  /** The end of the stream: whatever is left is the last sentence. */
  flush(): string | null {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest === '' ? null : rest;
  }

  private softBreak(): number | null {
    if (this.buffer.length <= this.options.softMaxChars) return null;
    const head = this.buffer.slice(0, this.options.softMaxChars);
    const at = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(': '));
    return at > 20 ? at + 1 : null;
  }
}

/**
 * Index just past the first sentence end in `text`, or null if there is none yet. With `atEnd` false, a
 * terminator whose following character has not arrived is undecided and stops the scan.
 */
export function findBoundary(text: string, atEnd: boolean): number | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (text.slice(0, i).trim() !== '') return i + 1;
      continue;
    }
    if (!TERMINATORS.has(c)) continue;
    let j = i + 1;
    while (j < text.length && (TERMINATORS.has(text[j]) || CLOSERS.has(text[j]))) j++;
    if (j >= text.length) return atEnd ? j : null;
    if (!/\s/.test(text[j])) continue; // "nums.length", "3.14", "e.g.,"
    let k = j;
    while (k < text.length && /[ \t]/.test(text[k])) k++;
    if (k >= text.length) { if (atEnd) return j; return null; }
    if (text[k] === '\n' || c === '!' || c === '?') return j;
    if (endsSentenceAt(text, i, text[k])) return j;
  }
  return null;
}

/** A period (or ellipsis) at `i`, followed by whitespace and then `next`: is it a sentence end? */
function endsSentenceAt(text: string, i: number, next: string): boolean {
  // Lowercase after a period is a continuation ("O(n). which …" is rare; "e.g. the" and "approx. two" are not).
  if (/\p{Ll}/u.test(next)) return false;
  let start = i;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  const word = text.slice(start, i).replace(/^[("'`[]+/, '');
  if (NEVER_ENDS.has(word.toLowerCase())) return false;
  // A list marker at the start of a sentence ("1. Sort the array") is not a sentence of its own.
  if (/^\d+$/.test(word) && text.slice(0, start).trim() === '') return false;
  // A lone capital initial ("J. Smith") rarely ends a sentence; "O(n)." and "it is O." are not initials.
  if (/^\p{Lu}$/u.test(word) && word !== 'O' && next !== '\n' && /\p{Lu}/u.test(next)) return false;
  return true;
}

/** Stage form: deltas in, sentences out. */
export async function* aggregateSentences(deltas: AsyncIterable<string>, options?: SentenceAggregatorOptions): AsyncIterable<string> {
  const aggregator = new SentenceAggregator(options);
  for await (const delta of deltas) yield* aggregator.push(delta);
  const rest = aggregator.flush();
  if (rest !== null) yield rest;
}
