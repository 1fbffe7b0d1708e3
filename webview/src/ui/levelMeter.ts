// Audio activity displays: the microphone level meter and the interviewer's speaking indicator.
import { h } from './dom';
import './micControls.css';

export interface LevelMeterOptions {
  label?: string;
  /** The level shown as empty; speech sits around -40 to -15 dBFS. */
  floorDb?: number;
}

/** Falls at most this much per animation frame, so the bar reads like a VU meter rather than flickering. */
const RELEASE_DB_PER_FRAME = 1.5;
const CLIP_DBFS = -3;

export class LevelMeter {
  readonly element: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly floor: number;
  private target: number;
  private shown: number;
  private frame: number | null = null;
  private announced = '';

  constructor(options: LevelMeterOptions = {}) {
    this.floor = options.floorDb ?? -60;
    this.target = this.floor;
    this.shown = this.floor;
    this.fill = h('div', { class: 'level-meter__fill' });
    this.element = h('div', {
      class: 'level-meter', role: 'meter', 'aria-label': options.label ?? 'Microphone level',
      'aria-valuemin': this.floor, 'aria-valuemax': 0, 'aria-valuenow': this.floor, 'aria-valuetext': 'silent',
    }, this.fill);
    this.render();
  }

  /** Takes levels as often as they come (every 20 ms); draws at most once per animation frame. */
  set(dbfs: number): void {
    this.target = Math.max(this.floor, Math.min(0, dbfs));
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      this.render();
    });
  }

  /** Greyed out while the mic is off or muted; the level drops to the floor. */
  setActive(active: boolean): void {
    this.element.classList.toggle('level-meter--inactive', !active);
    if (!active) {
      this.target = this.floor;
      this.shown = this.floor;
      this.render();
    }
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
  }

  private render(): void {
    this.shown = Math.max(this.target, this.shown - RELEASE_DB_PER_FRAME);
    const fraction = (this.shown - this.floor) / -this.floor;
    this.fill.style.transform = `scaleX(${fraction.toFixed(3)})`;
    this.element.classList.toggle('level-meter--clipping', this.target >= CLIP_DBFS);
    // Whole decibels: assistive tech re-reads the value on every change, so it should change rarely.
    const rounded = Math.round(this.target);
    const text = rounded <= this.floor ? 'silent' : `${rounded} dB`;
    if (text !== this.announced) {
      this.announced = text;
      this.element.setAttribute('aria-valuenow', String(rounded));
      this.element.setAttribute('aria-valuetext', text);
    }
    if (this.shown > this.target) this.set(this.target); // keep falling
  }
}

/**
 * "Interviewer speaking" with animated bars. Not a live region on purpose: announcing it would talk over the very
 * speech it describes; screen-reader users hear the interviewer, and the text is there when they look.
 */
export class SpeakingIndicator {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;

  constructor(who = 'Interviewer', private readonly texts = { on: `${who} speaking`, off: `${who} listening` }) {
    const bars = h('span', { class: 'speaking-indicator__bars', 'aria-hidden': 'true' },
      h('span', { class: 'speaking-indicator__bar' }), h('span', { class: 'speaking-indicator__bar' }),
      h('span', { class: 'speaking-indicator__bar' }));
    this.text = h('span', { class: 'speaking-indicator__text' });
    this.element = h('div', { class: 'speaking-indicator' }, bars, this.text);
    this.set(false);
  }

  set(speaking: boolean): void {
    this.element.dataset.speaking = String(speaking);
    this.text.textContent = speaking ? this.texts.on : this.texts.off;
  }
}
