// The server's copy of the candidate's buffer, rebuilt from a full text and then incremental edits.
import type { Diagnostic, Position, Selection } from '../../../protocol/src/domain';
import { LIMITS } from '../../../protocol/src/limits';
import type { TextEdit } from '../../../protocol/src/session';

export type EditResult =
  | { ok: true }
  | { ok: false; reason: 'version' | 'range' | 'too-large'; message: string };

export class CodeBuffer {
  constructor(
    public text: string,
    public version: number,
    public language: string,
    public cursor: Position | null = null,
    public selection: Selection | null = null,
    public diagnostics: Diagnostic[] = [],
  ) {}

  static tooLarge(text: string): boolean {
    return text.length > LIMITS.maxBufferChars;
  }

  /** Applies edits in order; on any failure the buffer is left exactly as it was. */
  apply(fromVersion: number, toVersion: number, edits: readonly TextEdit[]): EditResult {
    if (fromVersion !== this.version || toVersion < fromVersion) {
      return { ok: false, reason: 'version', message: `edits are for version ${fromVersion}, the server has ${this.version}` };
    }
    let text = this.text;
    for (const [i, edit] of edits.entries()) {
      if (edit.rangeOffset + edit.rangeLength > text.length) {
        return { ok: false, reason: 'range', message: `edit ${i} reaches past the end of the buffer (${text.length} characters)` };
      }
      text = text.slice(0, edit.rangeOffset) + edit.text + text.slice(edit.rangeOffset + edit.rangeLength);
      if (CodeBuffer.tooLarge(text)) {
        return { ok: false, reason: 'too-large', message: `the buffer would exceed ${LIMITS.maxBufferChars} characters` };
      }
    }
    this.text = text;
    this.version = toVersion;
    return { ok: true };
  }
}
