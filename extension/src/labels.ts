// Human wording for the protocol's enums in host UI (quick picks, tree, status bar, notifications).
// The webview keeps its own copy: host and webview code never import each other.
import type { Band, Difficulty, Dimension, Language, Stage, Topic } from '../../protocol/src/domain';

export const STAGE_LABELS: Record<Stage, string> = {
  intro: 'Intro', clarify: 'Clarify', approach: 'Approach', code: 'Code', test: 'Test', 'wrap-up': 'Wrap-up',
};

export const BAND_LABELS: Record<Band, string> = {
  'strong-hire': 'Strong hire', hire: 'Hire', 'no-hire': 'No hire', 'strong-no-hire': 'Strong no hire',
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

export const LANGUAGE_LABELS: Record<Language, string> = { javascript: 'JavaScript', typescript: 'TypeScript', python: 'Python' };

export const TOPIC_LABELS: Record<Topic, string> = {
  'arrays-hashing': 'Arrays & hashing', 'two-pointers': 'Two pointers', 'sliding-window': 'Sliding window',
  stack: 'Stack', 'binary-search': 'Binary search', 'linked-lists': 'Linked lists', trees: 'Trees', graphs: 'Graphs',
  heaps: 'Heaps', intervals: 'Intervals', 'dynamic-programming': 'Dynamic programming', strings: 'Strings',
};

/** "Hire · 2.8 / 4": how a finished interview's result reads everywhere in the host UI. */
export function resultLabel(band: Band, overall: number): string {
  return `${BAND_LABELS[band]} · ${overall.toFixed(1)} / 4`;
}

/** mm:ss, or h:mm:ss past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  'problem-solving': 'Problem solving', coding: 'Coding', communication: 'Communication', verification: 'Verification',
};
