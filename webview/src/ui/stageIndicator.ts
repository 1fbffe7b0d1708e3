// The six interview stages as a step list: done, current (aria-current="step") and upcoming.
import { STAGES, type Stage } from '../../../protocol/src/domain';
import { h } from './dom';
import { STAGE_LABELS } from './labels';

export class StageIndicator {
  readonly element: HTMLOListElement;
  private readonly steps: Map<Stage, HTMLLIElement>;

  constructor() {
    this.steps = new Map(STAGES.map((stage) => [stage, h('li', { class: 'stages__step', 'data-stage': stage },
      h('span', { class: 'stages__label' }, STAGE_LABELS[stage]))]));
    this.element = h('ol', { class: 'stages', 'aria-label': 'Interview stage' }, ...this.steps.values());
  }

  /** `ended` marks every stage done, so a finished interview does not look stuck on its last stage. */
  setStage(current: Stage | null, ended = false): void {
    const currentIndex = current ? STAGES.indexOf(current) : -1;
    STAGES.forEach((stage, index) => {
      const step = this.steps.get(stage);
      if (!step) return;
      const isCurrent = !ended && index === currentIndex;
      step.classList.toggle('stages__step--current', isCurrent);
      step.classList.toggle('stages__step--done', ended || index < currentIndex);
      if (isCurrent) step.setAttribute('aria-current', 'step');
      else step.removeAttribute('aria-current');
    });
  }
}
