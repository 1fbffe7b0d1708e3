// Turns a finished reply into word-sized deltas, so a non-streaming engine feeds the same pipeline as a streaming one.

/** Each delta is one word with the whitespace after it; leading whitespace rides on the first word. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

/** Yields `text` word by word and stops as soon as `signal` is aborted (barge-in). */
export async function* streamText(text: string, signal: AbortSignal): AsyncIterable<string> {
  for (const word of splitWords(text)) {
    if (signal.aborted) return;
    yield word;
  }
}
