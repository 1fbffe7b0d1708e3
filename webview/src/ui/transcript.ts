// The conversation as an ordered list of turns: completed turns keyed by seq, interviewer turns streaming in by id.
import type { Speaker, Stage, TurnView } from '../../../protocol/src/domain';
import { h, scrollBehavior } from './dom';
import { SPEAKER_LABELS, STAGE_LABELS } from './labels';

export interface TranscriptOptions {
  /** The element that scrolls the transcript; new text keeps it pinned to the bottom if it already was. */
  scrollContainer?: HTMLElement;
  emptyText?: string;
}

interface StreamingTurn {
  element: HTMLLIElement;
  text: HTMLElement;
  speaker: Speaker;
}

/** Within this many pixels of the bottom the reader counts as "following along". */
const FOLLOW_THRESHOLD_PX = 48;

export class Transcript {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLElement;
  private readonly completed = new Map<number, { turn: TurnView; element: HTMLLIElement }>();
  /** Keyed by turnId, in start order (Map keeps insertion order). */
  private readonly streaming = new Map<string, StreamingTurn>();
  private highlighted: HTMLElement | null = null;
  private current: HTMLElement | null = null;

  constructor(private readonly options: TranscriptOptions = {}) {
    this.list = h('ol', { class: 'transcript__list' });
    this.empty = h('p', { class: 'transcript__empty' }, options.emptyText ?? 'No turns yet.');
    // polite: a screen reader finishes what it is saying before reading the interviewer's next turn
    this.element = h('div', { class: 'transcript', 'aria-live': 'polite', 'aria-relevant': 'additions text' },
      this.empty, this.list);
  }

  /** Replaces the completed turns (a snapshot is the whole truth); streams not covered by it carry on. */
  setTurns(turns: readonly TurnView[]): void {
    for (const { element } of this.completed.values()) element.remove();
    this.completed.clear();
    for (const turn of turns) this.completeTurn(turn, true);
    this.refreshEmpty();
  }

  startTurn(turnId: string, speaker: Speaker, stage: Stage): void {
    if (this.streaming.has(turnId)) return;
    this.mutate(() => {
      const stream = this.createStream(turnId, speaker, stage);
      this.list.append(stream.element);
    });
  }

  appendDelta(turnId: string, text: string): void {
    this.mutate(() => {
      // A delta without a start means the panel loaded mid-turn: show what arrives rather than drop it.
      const stream = this.streaming.get(turnId) ?? this.createStream(turnId, 'interviewer', null);
      if (!stream.element.isConnected) this.list.append(stream.element);
      stream.text.append(text);
    });
  }

  /**
   * Adds a finished turn in seq order, replacing its stream; returns false for a turn already shown.
   * `replayed` turns are history, so they never stand in for a stream that is still open.
   */
  completeTurn(turn: TurnView, replayed = false): boolean {
    if (this.completed.has(turn.seq)) return false;
    this.mutate(() => {
      const element = this.renderTurn(turn);
      const stream = this.streaming.get(turn.id) ?? (replayed ? undefined : this.oldestStreamOf(turn.speaker));
      if (stream) {
        stream.element.replaceWith(element);
        this.deleteStream(stream);
      } else {
        this.list.insertBefore(element, this.elementAfter(turn.seq));
      }
      this.completed.set(turn.seq, { turn, element });
    });
    return true;
  }

  /** Completed turns in seq order, e.g. for saving view state. */
  turns(): TurnView[] {
    return [...this.completed.values()].map((entry) => entry.turn).sort((a, b) => a.seq - b.seq);
  }

  lastSeq(): number {
    return this.completed.size ? Math.max(...this.completed.keys()) : 0;
  }

  /** Scrolls to a turn and marks it (evidence links); false when that turn is not in this transcript. */
  highlight(seq: number): boolean {
    const entry = this.completed.get(seq);
    if (!entry) return false;
    this.highlighted?.classList.remove('turn--highlighted');
    entry.element.classList.add('turn--highlighted');
    this.highlighted = entry.element;
    entry.element.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
    // Moving focus makes a screen reader announce the turn the link pointed to.
    entry.element.focus({ preventScroll: true });
    return true;
  }

  /**
   * Marks the turn being replayed (null: none) and keeps it in view. Unlike highlight() it does not take
   * focus: the scrubber keeps it while the transcript follows.
   */
  markCurrent(seq: number | null): void {
    const entry = seq === null ? undefined : this.completed.get(seq);
    if (entry?.element === this.current) return;
    this.current?.classList.remove('turn--current');
    this.current?.removeAttribute('aria-current');
    this.current = entry?.element ?? null;
    if (!this.current) return;
    this.current.classList.add('turn--current');
    this.current.setAttribute('aria-current', 'true');
    this.current.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() });
  }

  private createStream(turnId: string, speaker: Speaker, stage: Stage | null): StreamingTurn {
    const text = h('p', { class: 'turn__text' });
    const element = h('li', { class: `turn turn--${speaker} turn--streaming`, 'data-turn-id': turnId, 'aria-busy': 'true' },
      this.renderMeta(speaker, stage, null), text);
    const stream = { element, text, speaker };
    this.streaming.set(turnId, stream);
    this.refreshEmpty();
    return stream;
  }

  private renderTurn(turn: TurnView): HTMLLIElement {
    return h('li', { class: `turn turn--${turn.speaker}`, 'data-seq': turn.seq, 'data-turn-id': turn.id, tabindex: -1 },
      this.renderMeta(turn.speaker, turn.stage, turn.startedAt),
      h('p', { class: 'turn__text' }, turn.text),
      turn.interrupted && h('p', { class: 'turn__note' }, 'Interrupted'));
  }

  private renderMeta(speaker: Speaker, stage: Stage | null, startedAt: string | null): HTMLElement {
    const time = startedAt ? new Date(startedAt) : null;
    return h('div', { class: 'turn__meta' },
      h('span', { class: 'turn__speaker' }, SPEAKER_LABELS[speaker]),
      stage && h('span', { class: 'turn__stage' }, STAGE_LABELS[stage]),
      time && !Number.isNaN(time.getTime()) && h('time', { class: 'turn__time', datetime: startedAt },
        time.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })));
  }

  /** The server may not reuse the stream's turnId as the stored turn's id; then the oldest open stream is the one. */
  private oldestStreamOf(speaker: Speaker): StreamingTurn | undefined {
    for (const stream of this.streaming.values()) if (stream.speaker === speaker) return stream;
    return undefined;
  }

  private deleteStream(stream: StreamingTurn): void {
    for (const [id, candidate] of this.streaming) if (candidate === stream) this.streaming.delete(id);
  }

  /** First completed turn with a higher seq, else the first stream: streams always trail completed turns. */
  private elementAfter(seq: number): Element | null {
    let next: { seq: number; element: HTMLLIElement } | null = null;
    for (const [otherSeq, { element }] of this.completed) {
      if (otherSeq > seq && (!next || otherSeq < next.seq)) next = { seq: otherSeq, element };
    }
    return next?.element ?? this.streaming.values().next().value?.element ?? null;
  }

  private mutate(change: () => void): void {
    const scroller = this.options.scrollContainer;
    const following = scroller
      ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < FOLLOW_THRESHOLD_PX
      : false;
    change();
    this.refreshEmpty();
    if (scroller && following) scroller.scrollTop = scroller.scrollHeight;
  }

  private refreshEmpty(): void {
    this.empty.hidden = this.completed.size > 0 || this.streaming.size > 0;
  }
}
