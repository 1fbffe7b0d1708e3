// How long each interviewer turn took, stage by stage: a table of milliseconds plus a bar per turn whose
// segments are the stages, all bars on one scale so slow turns stand out.
import { LATENCY_STAGES, type LatencyBreakdown, type LatencyStage } from '../../../protocol/src/api';
import { h } from './dom';

export const LATENCY_STAGE_LABELS: Record<LatencyStage, string> = {
  endOfTurnMs: 'End of turn', sttFinalMs: 'STT final', firstTokenMs: 'First token',
  firstTtsAudioMs: 'First TTS audio', firstAudioSentMs: 'First audio sent', firstAudioPlayedMs: 'First played',
};

const FROM_LABELS: Record<LatencyBreakdown['from'], string> = {
  'end-of-speech': 'End of speech', 'turn-request': 'Turn request', 'text-request': 'Text request',
};

export interface LatencyRow { seq: number; latency: LatencyBreakdown }

export interface LatencyTableOptions {
  /** The turn number was activated: the view moves the replay there. */
  onTurn(seq: number): void;
}

export function createLatencyTable(rows: readonly LatencyRow[], options: LatencyTableOptions): HTMLElement {
  const scale = Math.max(1, ...rows.flatMap((r) => LATENCY_STAGES.map((s) => r.latency[s] ?? 0)));
  return h('div', { class: 'latency' },
    h('p', { class: 'latency__note' }, 'Milliseconds from each turn’s origin; a dash is a stage the turn did not reach.'),
    h('table', { class: 'latency__table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Turn'), h('th', { scope: 'col' }, 'From'),
        ...LATENCY_STAGES.map((s) => h('th', { scope: 'col', class: 'latency__stage' }, LATENCY_STAGE_LABELS[s])),
        h('th', { scope: 'col' }, 'Breakdown'))),
      h('tbody', {}, ...rows.map((row) => renderRow(row, scale, options)))));
}

function renderRow(row: LatencyRow, scale: number, options: LatencyTableOptions): HTMLElement {
  const link = h('button', { type: 'button', class: 'latency__turn', title: 'Play from this turn' }, `Turn ${row.seq}`);
  link.addEventListener('click', () => options.onTurn(row.seq));
  return h('tr', { class: 'latency__row', 'data-seq': row.seq },
    h('th', { scope: 'row' }, link),
    h('td', {}, FROM_LABELS[row.latency.from]),
    ...LATENCY_STAGES.map((s) => h('td', { class: 'latency__ms', 'data-stage': s }, row.latency[s] === null ? '—' : String(row.latency[s]))),
    h('td', {}, renderBar(row.latency, scale)));
}

/** Segments between consecutive reached stages, each as wide as the time it took. */
function renderBar(latency: LatencyBreakdown, scale: number): HTMLElement {
  const bar = h('div', { class: 'latency__bar', role: 'img', 'aria-label': describe(latency) });
  let previous = 0;
  for (const stage of LATENCY_STAGES) {
    const at = latency[stage];
    if (at === null || at < previous) continue;
    const segment = h('span', { class: 'latency__segment', 'data-stage': stage, title: `${LATENCY_STAGE_LABELS[stage]}: ${at} ms` });
    segment.style.width = `${(100 * (at - previous)) / scale}%`; // CSSOM: the CSP allows no inline style attributes
    bar.append(segment);
    previous = at;
  }
  return bar;
}

function describe(latency: LatencyBreakdown): string {
  const reached = LATENCY_STAGES.filter((s) => latency[s] !== null).map((s) => `${LATENCY_STAGE_LABELS[s]} ${latency[s]} ms`);
  return reached.length ? reached.join(', ') : 'No stages recorded';
}
