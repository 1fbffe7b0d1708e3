// The four rubric dimensions, each a 1–4 bar with the evidence behind it; evidence links are handed to the view.
import { DIMENSIONS, type DimensionScore, type Evidence } from '../../../protocol/src/domain';
import { h } from './dom';
import { DIMENSION_LABELS } from './labels';

export interface DimensionScoresOptions {
  /** Called for turn evidence and for code evidence with a line; the view decides what "go there" means. */
  onEvidence(evidence: Evidence): void;
  headingLevel?: 'h3' | 'h4';
}

const MAX_SCORE = 4;

export function createDimensionScores(scores: readonly DimensionScore[], options: DimensionScoresOptions): HTMLElement {
  const byDimension = new Map(scores.map((score) => [score.dimension, score]));
  return h('section', { class: 'dimensions', 'aria-label': 'Scores by dimension' },
    ...DIMENSIONS.map((dimension) => {
      const score = byDimension.get(dimension);
      const label = DIMENSION_LABELS[dimension];
      return h('article', { class: 'dimension', 'data-dimension': dimension },
        h('div', { class: 'dimension__header' },
          h(options.headingLevel ?? 'h3', { class: 'dimension__name' }, label),
          h('span', { class: 'dimension__value' }, score ? `${score.score} / ${MAX_SCORE}` : 'Not scored')),
        score && renderBar(label, score.score),
        score && score.evidence.length > 0 && h('ul', { class: 'evidence', 'aria-label': `Evidence for ${label}` },
          ...score.evidence.map((evidence) => renderEvidence(evidence, options.onEvidence))));
    }));
}

function renderBar(label: string, score: number): HTMLElement {
  const segments = Array.from({ length: MAX_SCORE }, (_, i) =>
    h('span', { class: `dimension__segment${i < score ? ' dimension__segment--filled' : ''}` }));
  return h('div', {
    class: 'dimension__bar', role: 'meter', 'aria-label': label,
    'aria-valuemin': 1, 'aria-valuemax': MAX_SCORE, 'aria-valuenow': score, 'aria-valuetext': `${score} of ${MAX_SCORE}`,
  }, ...segments);
}

function renderEvidence(evidence: Evidence, onEvidence: (evidence: Evidence) => void): HTMLLIElement {
  const target = evidenceTarget(evidence);
  const tag = target
    ? h('button', { type: 'button', class: 'evidence__link', 'data-kind': evidence.kind, title: target.title }, target.label)
    : h('span', { class: 'evidence__tag', 'data-kind': evidence.kind }, evidence.kind === 'signal' ? 'Signal' : 'Code');
  if (target) tag.addEventListener('click', () => onEvidence(evidence));
  return h('li', { class: 'evidence__item' }, tag, h('q', { class: 'evidence__quote' }, evidence.quote));
}

function evidenceTarget(evidence: Evidence): { label: string; title: string } | null {
  if (evidence.kind === 'turn' && evidence.ref !== null) {
    return { label: `Turn ${evidence.ref}`, title: 'Show this turn in the transcript' };
  }
  if (evidence.kind === 'code' && evidence.line !== null) {
    // Lines are 0-based on the wire, 1-based on screen like the editor's gutter.
    return { label: `Line ${evidence.line}`, title: 'Reveal this line in the editor' };
  }
  return null;
}
