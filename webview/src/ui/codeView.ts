// A read-only code listing with a line-number gutter; numbers come from CSS so copying the code leaves them out.
import type { CodeSnapshotView } from '../../../protocol/src/domain';
import { h, scrollBehavior } from './dom';

export class CodeView {
  readonly element: HTMLElement;
  private readonly lines: HTMLElement[];
  private highlighted: HTMLElement | null = null;

  constructor(snapshot: Pick<CodeSnapshotView, 'text' | 'language'>, label = 'Final code') {
    this.lines = snapshot.text.split(/\r?\n/).map((line, index) =>
      h('span', { class: 'code-view__line', 'data-line': index + 1 }, line, '\n'));
    const code = h('code', { class: `code-view__code language-${snapshot.language}` }, ...this.lines);
    // tabindex makes the scrollable listing reachable by keyboard.
    this.element = h('pre', { class: 'code-view', tabindex: 0, 'aria-label': label }, code);
  }

  /** Marks a 0-based line and scrolls it into view; false when the snapshot has no such line. */
  highlightLine(line: number): boolean {
    const el = this.lines[line];
    if (!el) return false;
    this.highlighted?.classList.remove('code-view__line--highlighted');
    el.classList.add('code-view__line--highlighted');
    this.highlighted = el;
    el.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
    return true;
  }
}
