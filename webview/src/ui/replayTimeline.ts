// The replay's transport: play/pause and a scrubber over the session clock. A native range input, so arrows,
// Page Up/Down and Home/End work from the keyboard; the text value reads "01:40 of 24:30".
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h } from './dom';
import { formatElapsed } from './timer';

export interface ReplayTimelineOptions {
  durationMs: number;
  /** Turn starts, drawn as ticks under the scrubber. */
  marks: readonly { atMs: number; label: string }[];
  onSeek(ms: number): void;
  onToggle(): void;
}

/** One arrow press moves this much. */
const STEP_MS = 1000;

export class ReplayTimeline {
  readonly element: HTMLElement;
  private readonly button: HTMLElementTagNameMap['vscode-button'];
  private readonly range: HTMLInputElement;
  private readonly time: HTMLElement;

  constructor(private readonly options: ReplayTimelineOptions) {
    const max = Math.max(STEP_MS, Math.ceil(options.durationMs / STEP_MS) * STEP_MS);
    this.button = h('vscode-button', { class: 'replay__toggle', 'aria-label': 'Play the replay' }, 'Play');
    this.button.addEventListener('click', () => options.onToggle());
    this.range = h('input', {
      type: 'range', class: 'replay__scrubber', min: 0, max, step: STEP_MS, value: 0, 'aria-label': 'Replay position',
    });
    this.range.addEventListener('input', () => options.onSeek(Number(this.range.value)));
    this.time = h('span', { class: 'replay__time', 'aria-hidden': 'true' });
    const ticks = h('div', { class: 'replay__marks', 'aria-hidden': 'true' },
      ...options.marks.map((m) => {
        const mark = h('span', { class: 'replay__mark', title: m.label });
        mark.style.left = `${(100 * m.atMs) / max}%`; // CSSOM, not a style attribute: the CSP allows no inline styles
        return mark;
      }));
    this.element = h('div', { class: 'replay__transport' }, this.button,
      h('div', { class: 'replay__track' }, this.range, ticks), this.time);
    this.setPosition(0);
  }

  setPosition(ms: number): void {
    this.range.value = String(snap(ms));
    const text = `${formatElapsed(ms)} of ${formatElapsed(this.options.durationMs)}`;
    this.range.setAttribute('aria-valuetext', text);
    this.time.textContent = `${formatElapsed(ms)} / ${formatElapsed(this.options.durationMs)}`;
  }

  setPlaying(playing: boolean): void {
    this.button.textContent = playing ? 'Pause' : 'Play';
    this.button.setAttribute('aria-label', playing ? 'Pause the replay' : 'Play the replay');
    this.button.dataset.playing = String(playing);
  }
}

const snap = (ms: number) => Math.floor(ms / STEP_MS) * STEP_MS;
