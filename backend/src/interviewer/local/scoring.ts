// Deterministic scoring of a finished interview: each dimension from transcript and code signals, each
// score backed by quoted evidence so the candidate can see why.
import { DIMENSIONS, type Band, type Dimension, type DimensionScore, type Evidence } from '../../../../protocol/src/domain';
import type { EvaluationDraft, InterviewContext, TestRunSummary, TurnRecord } from '../interviewer';
import { analyzeCode, linesBeyondStarter, starterKey, type CodeInsight, type Finding } from './codeInsight';
import { complexityRank, readAnswer, type CandidateReading } from './intents';
import { parseMemory } from './memory';
import { analyzeCode as parseAndAnalyze, compareComplexity } from '../../analysis/analyze';

interface Heard { turn: TurnRecord; r: CandidateReading }

interface Scored {
  dimension: Dimension;
  score: number;
  evidence: Evidence[];
  /** Why, as a clause for the summary ("explained an approach before coding"). */
  note: string;
}

interface Facts {
  ctx: InterviewContext;
  heard: Heard[];
  code: { insight: CodeInsight; written: number; seq: number | null } | null;
  hints: number;
  clarifying: number;
  /** The latest run of the hidden tests that actually ran, or null. */
  tests: TestRunSummary | null;
  /** The candidate ran the tests on their own initiative. */
  selfTested: boolean;
}

function testsEvidence(run: TestRunSummary): Evidence {
  const total = run.passed + run.failed;
  const f = run.firstFailure;
  const quote = run.failed === 0 ? `All ${total} hidden tests pass.`
    : `${run.failed} of ${total} hidden tests fail${f ? `; first failing input ${cut(f.input)} (${f.verdict})` : ''}.`;
  return { kind: 'signal', ref: run.snapshotSeq, line: null, quote };
}

const QUOTE_MAX = 160;
const clamp = (n: number): number => Math.max(1, Math.min(4, Math.round(n)));
const cut = (text: string): string => (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text);
const turnEvidence = (h: Heard): Evidence => ({ kind: 'turn', ref: h.turn.seq, line: null, quote: cut(h.turn.text.trim()) });
const codeEvidence = (facts: Facts, f: Finding): Evidence => ({ kind: 'code', ref: facts.code?.seq ?? null, line: f.line, quote: cut(f.text) });
const signal = (quote: string): Evidence => ({ kind: 'signal', ref: null, line: null, quote });
const BEFORE_CODE = new Set(['intro', 'clarify', 'approach']);
const WALK = /\b(walk(ing)?|trac(e|ing)|step(ping)? through|dry[- ]run|iteration|example|first|then|next)\b/i;
const TESTED = /\btest(s|ed|ing)?\b/i;

function problemSolving(facts: Facts): Scored {
  const evidence: Evidence[] = [];
  let points = 1;
  const notes: string[] = [];
  const plan = facts.heard.find((h) => BEFORE_CODE.has(h.turn.stage) && h.r.techniques.length > 0);
  if (plan) { points += 1; evidence.push(turnEvidence(plan)); notes.push('explained an approach before coding'); }
  else notes.push('did not lay out an approach before coding');
  const complexity = facts.heard.filter((h) => h.r.complexity !== null);
  if (complexity.length > 0) { points += 1; evidence.push(turnEvidence(complexity[0])); notes.push('discussed complexity'); }
  const target = complexityRank(facts.ctx.problem.targetTime);
  const best = Math.min(...complexity.map((h) => complexityRank(h.r.complexity ?? '') ?? Infinity));
  if (target !== null && best <= target) { points += 1; notes.push(`reached the ${facts.ctx.problem.targetTime} target`); }
  const estimate = facts.ctx.code ? parseAndAnalyze(facts.ctx.code.language, facts.ctx.code.text) : null;
  if (estimate?.supported && facts.code && facts.code.written > 0) {
    const versus = compareComplexity(estimate.time, facts.ctx.problem.targetTime);
    evidence.push(signal(`The code runs in ${estimate.time.bigO} time (${versus === 'unknown' ? 'target' : versus} vs the ${facts.ctx.problem.targetTime} target): ${estimate.time.because}`));
  }
  const nested = facts.code?.insight.findings.find((f) => f.kind === 'nested-loop' || f.kind === 'hidden-scan');
  if (nested && target !== null && target < 4) {
    points -= 1;
    evidence.push(codeEvidence(facts, nested));
    notes.push('left a quadratic loop in the code');
  }
  if (facts.tests && facts.tests.failed > 0) {
    points -= 1;
    evidence.push(testsEvidence(facts.tests));
    notes.push('ended with a solution that fails hidden tests');
  }
  if (facts.hints > 0) {
    points -= Math.ceil(facts.hints / 2);
    evidence.push(signal(`Needed ${facts.hints} of ${facts.ctx.problem.hints.length} hints.`));
    notes.push(`needed ${facts.hints} hint${facts.hints === 1 ? '' : 's'}`);
  }
  if (evidence.length === 0) evidence.push(signal('No approach or complexity discussion was heard.'));
  return { dimension: 'problem-solving', score: clamp(points), evidence, note: notes.join(', ') };
}

function coding(facts: Facts): Scored {
  const code = facts.code;
  if (!code || code.written === 0) {
    return { dimension: 'coding', score: 1, evidence: [signal('No code beyond the starter template was written.')], note: 'wrote no code' };
  }
  const { insight } = code;
  const evidence: Evidence[] = [];
  let points = 2;
  const fn = insight.functions[0];
  if (fn) evidence.push(codeEvidence(facts, fn));
  const structure = insight.findings.find((f) => ['nested-loop', 'loop', 'map', 'set', 'sort', 'recursion'].includes(f.kind));
  const ret = insight.findings.find((f) => f.kind === 'return');
  if (fn && structure && ret) { points += 1; evidence.push(codeEvidence(facts, structure), codeEvidence(facts, ret)); }
  const errors = insight.findings.filter((f) => f.kind === 'error');
  if (errors.length === 0 && code.written >= 3) points += 1;
  points -= Math.min(2, errors.length);
  evidence.push(...errors.slice(0, 2).map((f) => codeEvidence(facts, f)));
  const tests = facts.tests;
  if (tests) {
    // Hidden tests are the strongest signal of correctness: failures cost more than structure earns.
    points += tests.failed === 0 ? 1 : -2;
    evidence.push(testsEvidence(tests));
  }
  if (evidence.length === 0) evidence.push(signal(`Wrote ${code.written} lines, but no function, loop or return was found.`));
  const size = insight.lineKeys.length;
  const note = tests && tests.failed > 0 ? `wrote code that fails ${tests.failed} of ${tests.passed + tests.failed} hidden tests`
    : errors.length > 0 ? `left ${errors.length} error${errors.length === 1 ? '' : 's'} flagged by the editor`
    : structure && ret ? `wrote a complete-looking ${size}-line solution` : `wrote ${size} lines of partial code`;
  return { dimension: 'coding', score: clamp(points), evidence, note };
}

function communication(facts: Facts): Scored {
  const { heard } = facts;
  if (heard.length === 0) {
    return { dimension: 'communication', score: 1, evidence: [signal('The candidate did not say anything.')], note: 'said nothing' };
  }
  const words = heard.reduce((sum, h) => sum + h.r.words, 0) / heard.length;
  let points = 1 + (heard.length >= 3 ? 1 : 0) + (words >= 8 ? 1 : 0) + (facts.clarifying > 0 ? 1 : 0) - (words < 4 ? 1 : 0);
  points = Math.min(points, heard.length >= 2 ? 4 : 2); // one answer cannot show sustained communication
  const longest = [...heard].sort((a, b) => b.r.words - a.r.words || a.turn.seq - b.turn.seq).slice(0, 2);
  const evidence = [
    ...longest.map(turnEvidence),
    signal(`${heard.length} answers, ${Math.round(words)} words on average, ${facts.clarifying} clarifying question${facts.clarifying === 1 ? '' : 's'}.`),
  ];
  const note = words < 4 ? 'gave very short answers'
    : facts.clarifying > 0 ? 'asked clarifying questions and talked through the work' : 'talked through the work but asked no clarifying questions';
  return { dimension: 'communication', score: clamp(points), evidence, note };
}

function verification(facts: Facts): Scored {
  const afterPlan = facts.heard.filter((h) => !BEFORE_CODE.has(h.turn.stage));
  const found = [
    // Any real answer to "walk me through it" counts, even if it never says the word "walk".
    afterPlan.find((h) => (WALK.test(h.turn.text) && h.r.testTalk) || (h.turn.stage === 'test' && h.r.words >= 10)),
    afterPlan.find((h) => h.r.edgeCase),
    facts.heard.find((h) => TESTED.test(h.turn.text)),
  ].filter((h): h is Heard => h !== undefined);
  const evidence = [...new Map(found.map((h) => [h.turn.seq, h])).values()].map(turnEvidence);
  if (facts.selfTested) evidence.push(signal('Ran the hidden tests on their own initiative.'));
  const checks = found.length + (facts.selfTested ? 1 : 0);
  if (evidence.length === 0) evidence.push(signal('No testing, walk-through or edge-case discussion was heard.'));
  const note = checks >= 2 ? 'walked through examples and considered edge cases'
    : checks === 1 ? 'did some checking, but not a full walk-through with edge cases' : 'did not test the solution';
  return { dimension: 'verification', score: clamp(1 + checks), evidence, note };
}

export function bandFor(overall: number): Band {
  return overall >= 3.5 ? 'strong-hire' : overall >= 2.75 ? 'hire' : overall >= 2 ? 'no-hire' : 'strong-no-hire';
}

const BAND_WORDS: Readonly<Record<Band, string>> = {
  'strong-hire': 'a strong hire', hire: 'a hire', 'no-hire': 'a no-hire', 'strong-no-hire': 'a strong no-hire',
};

function summarize(scored: Scored[], overall: number, band: Band): string {
  const byScore = [...scored].sort((a, b) => b.score - a.score);
  const best = byScore[0];
  const worst = byScore[byScore.length - 1];
  const sentences = [`Overall ${overall.toFixed(2)} out of 4, which reads as ${BAND_WORDS[band]}.`];
  sentences.push(best.score >= 3
    ? `Strongest area: ${best.dimension} (${best.score}/4) — the candidate ${best.note}.`
    : `No area stood out; the best was ${best.dimension} (${best.score}/4), where the candidate ${best.note}.`);
  if (worst.score < best.score) {
    sentences.push(worst.score >= 3
      ? `The lowest score, ${worst.dimension} (${worst.score}/4), was still solid: the candidate ${worst.note}.`
      : `Weakest area: ${worst.dimension} (${worst.score}/4) — the candidate ${worst.note}.`);
  }
  return sentences.join(' ');
}

export function evaluateInterview(ctx: InterviewContext): EvaluationDraft {
  const memory = parseMemory(ctx.memory);
  const heard = ctx.turns.filter((t) => t.speaker === 'candidate' && t.text.trim() !== '').map((turn) => ({ turn, r: readAnswer(turn.text) }));
  const insight = ctx.code && ctx.code.text.trim() !== '' ? analyzeCode(ctx.code.text, ctx.code.language, ctx.code.diagnostics) : null;
  const written = insight && ctx.code ? linesBeyondStarter(insight, ctx.problem.starterCode[starterKey(ctx.code.language)], ctx.code.language) : 0;
  const facts: Facts = {
    ctx, heard, hints: memory.hintsGiven,
    code: insight && ctx.code ? { insight, written, seq: ctx.code.snapshotSeq } : null,
    clarifying: Math.max(memory.clarifyingQuestions, heard.filter((h) => h.r.topics.length > 0 && BEFORE_CODE.has(h.turn.stage)).length),
    tests: [...ctx.testRuns].reverse().find((r) => !r.missing && r.passed + r.failed > 0) ?? null,
    selfTested: ctx.testRuns.some((r) => r.requestedBy === 'candidate'),
  };

  if (heard.length === 0 && written === 0) {
    const nothing = signal('The interview ended with no answers from the candidate and no code.');
    const scores: DimensionScore[] = DIMENSIONS
      .map((dimension) => ({ dimension, score: 1, evidence: [nothing] }));
    return {
      band: 'strong-no-hire', overall: 1, scores,
      summary: 'The interview ended before the candidate answered anything or wrote any code, so there was nothing to assess. Every dimension scores 1 for lack of evidence.',
    };
  }

  const scored = [problemSolving(facts), coding(facts), communication(facts), verification(facts)];
  const overall = Math.round((scored.reduce((sum, s) => sum + s.score, 0) / scored.length) * 100) / 100;
  const band = bandFor(overall);
  return {
    band, overall,
    scores: scored.map(({ dimension, score, evidence }) => ({ dimension, score, evidence })),
    summary: summarize(scored, overall, band),
  };
}
