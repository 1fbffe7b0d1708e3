// The headline of an evaluation: hiring band as a badge, the overall score out of 4, and the summary.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { EvaluationView } from '../../../protocol/src/domain';
import { h } from './dom';
import { BAND_LABELS } from './labels';

export function createScoreCard(evaluation: EvaluationView, headingLevel: 'h2' | 'h3' = 'h2'): HTMLElement {
  return h('section', { class: 'score-card', 'data-band': evaluation.band, 'aria-label': 'Overall result' },
    h('div', { class: 'score-card__headline' },
      h(headingLevel, { class: 'score-card__title' }, 'Result'),
      h('vscode-badge', { class: 'score-card__band', 'data-band': evaluation.band }, BAND_LABELS[evaluation.band]),
      h('span', { class: 'score-card__overall' },
        h('span', { class: 'score-card__overall-value' }, evaluation.overall.toFixed(1)),
        h('span', { class: 'score-card__overall-max' }, ' / 4 overall'))),
    evaluation.summary && h('p', { class: 'score-card__summary' }, evaluation.summary));
}
