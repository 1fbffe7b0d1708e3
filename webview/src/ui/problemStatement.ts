// The problem as the candidate sees it, in a collapsible section so it can be folded away while coding.
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { ProblemPublic } from '../../../protocol/src/domain';
import { h, type Child } from './dom';

/** `inline code` in statements is the only markup honoured; everything else stays literal text. */
function richText(text: string): Child[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? h('code', {}, part) : part));
}

export function renderProblemBody(problem: ProblemPublic): HTMLElement {
  const paragraphs = problem.statement.split(/\n{2,}/).map((p) => h('p', {}, ...richText(p)));
  return h('div', { class: 'problem' },
    ...paragraphs,
    h('h4', {}, 'Examples'),
    ...problem.examples.map((example, i) => h('div', { class: 'problem__example' },
      h('div', { class: 'problem__example-title' }, `Example ${i + 1}`),
      h('pre', {}, `Input: ${example.input}\nOutput: ${example.output}`),
      example.explanation && h('p', {}, ...richText(example.explanation)))),
    h('h4', {}, 'Constraints'),
    h('ul', { class: 'problem__constraints' }, ...problem.constraints.map((c) => h('li', {}, ...richText(c)))));
}

export function createProblemStatement(problem: ProblemPublic, open = true): HTMLElementTagNameMap['vscode-collapsible'] {
  const section = h('vscode-collapsible', { class: 'problem-statement', heading: 'Problem statement' }, renderProblemBody(problem));
  section.open = open;
  return section;
}
