// Human wording for the protocol's enums, kept in one place so every view names things the same way.
import type { Band, Difficulty, Dimension, Language, Speaker, Stage, Topic } from '../../../protocol/src/domain';
import type { Verdict } from '../../../protocol/src/testRun';

export const STAGE_LABELS: Record<Stage, string> = {
  intro: 'Intro',
  clarify: 'Clarify',
  approach: 'Approach',
  code: 'Code',
  test: 'Test',
  'wrap-up': 'Wrap-up',
};

export const DIMENSION_LABELS: Record<Dimension, string> = {
  'problem-solving': 'Problem solving',
  coding: 'Coding',
  communication: 'Communication',
  verification: 'Verification',
};

export const BAND_LABELS: Record<Band, string> = {
  'strong-hire': 'Strong hire',
  hire: 'Hire',
  'no-hire': 'No hire',
  'strong-no-hire': 'Strong no hire',
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

export const SPEAKER_LABELS: Record<Speaker, string> = { interviewer: 'Interviewer', candidate: 'You' };

export const LANGUAGE_LABELS: Record<Language, string> = { javascript: 'JavaScript', typescript: 'TypeScript', python: 'Python' };

export const VERDICT_LABELS: Record<Verdict, string> = {
  pass: 'Passed',
  fail: 'Wrong answer',
  timeout: 'Time limit',
  'memory-limit': 'Memory limit',
  'output-limit': 'Output limit',
  error: 'Error',
};

export const TOPIC_LABELS: Record<Topic, string> = {
  'arrays-hashing': 'Arrays & hashing', 'two-pointers': 'Two pointers', 'sliding-window': 'Sliding window',
  stack: 'Stack', 'binary-search': 'Binary search', 'linked-lists': 'Linked lists', trees: 'Trees', graphs: 'Graphs',
  heaps: 'Heaps', intervals: 'Intervals', 'dynamic-programming': 'Dynamic programming', strings: 'Strings',
};
