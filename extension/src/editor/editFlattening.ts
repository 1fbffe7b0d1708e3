// Turns VS Code's change events into the protocol's sequential edits. No vscode import: unit-tested in node.
import type { TextEdit } from '../../../protocol/src/session';

/** The fields of a vscode.TextDocumentContentChangeEvent this module needs. */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * The changes of ONE event are all relative to the document before the event (a multi-cursor edit
 * yields several). Applied from the highest offset down, no edit shifts the offsets of those still
 * to come, so the list becomes sequential: each edit relative to the result of the previous one.
 */
export function flattenChanges(changes: readonly ContentChange[]): TextEdit[] {
  return changes
    .map((c, index) => ({ c, index }))
    .sort((a, b) => b.c.rangeOffset - a.c.rangeOffset
      // At one offset, the replacement goes first so a pure insertion there is not swallowed by it.
      || b.c.rangeLength - a.c.rangeLength
      || a.index - b.index)
    .map(({ c }) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
}

/** Applies sequential edits (what the server does); throws on an edit past the end. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const [i, edit] of edits.entries()) {
    if (edit.rangeOffset + edit.rangeLength > result.length) {
      throw new RangeError(`edit ${i} reaches past the end (${edit.rangeOffset}+${edit.rangeLength} > ${result.length})`);
    }
    result = result.slice(0, edit.rangeOffset) + edit.text + result.slice(edit.rangeOffset + edit.rangeLength);
  }
  return result;
}

/**
 * Edits waiting to be sent, across events. Events are already ordered, so their flattened lists
 * simply concatenate. `fromVersion` is the version the server holds; the batch ends at the
 * document's current version.
 */
export class PendingEdits {
  private edits: TextEdit[] = [];

  constructor(private readonly maxEdits: number) {}

  get size(): number {
    return this.edits.length;
  }

  /** True when the batch has grown past what one message may carry: send the full text instead. */
  get overflowed(): boolean {
    return this.edits.length > this.maxEdits;
  }

  add(changes: readonly ContentChange[]): void {
    for (const edit of flattenChanges(changes)) this.edits.push(edit);
  }

  /** Hands out the batch and starts a new one. */
  take(): TextEdit[] {
    const edits = this.edits;
    this.edits = [];
    return edits;
  }

  clear(): void {
    this.edits = [];
  }
}
