// The local interviewer's stage machine: given the interview so far and one event, decide what to say,
// which stage comes next and what to remember. Pure, so a scripted interview can be replayed in tests.
import { assertNever, STAGES, type Stage } from '../../../../protocol/src/domain';
import type { InterviewContext, InterviewerEvent, InterviewerMemory, TestRunSummary } from '../interviewer';
import {
  analyzeCode, chooseFocus, linesBeyondStarter, rememberCode, significantChange, starterKey,
} from './codeInsight';
import { complexityRank, readAnswer, type CandidateReading } from './intents';
import { parseMemory } from './memory';
import * as say from './replies';

/** Rough time each stage deserves; 'clarify' includes the intro. */
export const STAGE_BUDGET_MS: Readonly<Record<Stage, number>> = {
  intro: 5 * 60_000, clarify: 5 * 60_000, approach: 10 * 60_000, code: 25 * 60_000, test: 10 * 60_000, 'wrap-up': 5 * 60_000,
};
/** "Far beyond" the budget: a little overrun is normal, this much means the interview should move on. */
export const OVERRUN_FACTOR = 1.5;
const QUOTED_KEPT = 50;

export interface TurnPlan {
  say: string[];
  stage: Stage;
  memory: InterviewerMemory;
  end: boolean;
  /** Ask the candidate's machine to run the hidden tests after this turn. */
  runTests: boolean;
}

interface Turn extends TurnPlan {
  readonly ctx: InterviewContext;
  /** Picks phrasing variants; the turn count keeps a replayed interview word-for-word identical. */
  readonly seed: number;
}

export const nextStage = (stage: Stage): Stage => STAGES[Math.min(STAGES.indexOf(stage) + 1, STAGES.length - 1)];

export function overBudget(stage: Stage, memory: InterviewerMemory, elapsedMs: number): boolean {
  return elapsedMs - memory.stageStartedMs > STAGE_BUDGET_MS[stage] * OVERRUN_FACTOR;
}

function moveTo(turn: Turn, stage: Stage): void {
  if (turn.stage === stage) return;
  turn.stage = stage;
  turn.memory.stageStartedMs = turn.ctx.elapsedMs;
  turn.memory.stageTurns = 0;
}

const asked = (turn: Turn, prompt: string): boolean => turn.memory.asked.includes(prompt);
const markAsked = (turn: Turn, prompt: string): void => { if (!asked(turn, prompt)) turn.memory.asked.push(prompt); };

/** True when the candidate's complexity meets the problem's target; null when either is not comparable. */
function meetsTarget(said: string, target: string): boolean | null {
  const a = complexityRank(said);
  const b = complexityRank(target);
  return a === null || b === null ? null : a <= b;
}

/** The candidate's code read against the starter code of its language, or null before any buffer exists. */
function readCode(ctx: InterviewContext) {
  if (!ctx.code) return null;
  const insight = analyzeCode(ctx.code.text, ctx.code.language, ctx.code.diagnostics);
  const starter = ctx.problem.starterCode[starterKey(ctx.code.language)];
  return { insight, starter, language: ctx.code.language };
}

/** Remarks on the code when it changed enough since the last remark; returns whether anything was said. */
function remarkOnCode(turn: Turn): boolean {
  const read = readCode(turn.ctx);
  if (!read) return false;
  const m = turn.memory;
  const change = significantChange(read.insight, { hash: m.lastCodeHash, lineKeys: m.lastCodeLineKeys, lines: m.lastCodeLines }, read.starter, read.language);
  if (!change) return false;
  Object.assign(m, rememberCode(read.insight));
  if (linesBeyondStarter(read.insight, read.starter, read.language) === 0) {
    turn.say.push(say.codeCleared);
    return true;
  }
  const jumpedIn = turn.stage === 'intro' || turn.stage === 'clarify' || turn.stage === 'approach';
  turn.say.push(change.first || jumpedIn
    ? say.codeStarted(read.insight.functions[0] ?? null, jumpedIn)
    : say.codeMoved(change.added, change.removed, turn.seed));
  const focus = chooseFocus(read.insight, change.addedKeys, m.quotedLineKeys);
  if (focus) {
    turn.say.push(say.codeRemark(focus, say.sizeBound(turn.ctx.problem)));
    m.quotedLineKeys = [...m.quotedLineKeys, focus.key].slice(-QUOTED_KEPT);
  } else if (!jumpedIn) {
    turn.say.push(say.whatChanged);
  }
  if (jumpedIn) moveTo(turn, 'code');
  return true;
}

/** Pins the current code as seen without commenting, so a later code-settled does not announce it again. */
function noteCodeSilently(turn: Turn): number {
  const read = readCode(turn.ctx);
  if (!read) return 0;
  Object.assign(turn.memory, rememberCode(read.insight));
  return linesBeyondStarter(read.insight, read.starter, read.language);
}

function answerQuestion(turn: Turn, r: CandidateReading, text: string): boolean {
  if (r.topics.length === 0) return false;
  turn.memory.clarifyingQuestions += 1;
  // The n-th request for an example gets the n-th example; the current answer is already the last turn.
  const examplesAsked = turn.ctx.turns.filter((t) => t.speaker === 'candidate' && readAnswer(t.text).topics.includes('example')).length;
  turn.say.push(say.answerClarifying(turn.ctx.problem, r.topics, text, Math.max(0, examplesAsked - 1)));
  return true;
}

/** Approach talk: get a complexity, push once for better when it misses the target, then send them to code. */
function discussApproach(turn: Turn, r: CandidateReading): void {
  moveTo(turn, 'approach');
  if (r.complexity) {
    const meets = meetsTarget(r.complexity, turn.ctx.problem.targetTime);
    if (meets === false && !asked(turn, 'better')) {
      markAsked(turn, 'better');
      turn.say.push(say.judgeComplexity(r.complexity, false));
      return;
    }
    turn.say.push(meets === false ? say.goWithIt : say.judgeComplexity(r.complexity, meets), say.goCode(turn.seed));
    moveTo(turn, 'code');
  } else if (r.techniques.length > 0 && !asked(turn, 'complexity')) {
    markAsked(turn, 'complexity');
    turn.say.push(say.askComplexity(r.techniques, turn.seed));
  } else if (r.techniques.length > 0 || r.readyToCode || asked(turn, 'complexity')) {
    turn.say.push(say.goCode(turn.seed));
    moveTo(turn, 'code');
  } else {
    turn.say.push(say.invitePlan(turn.seed));
  }
}

function startTesting(turn: Turn): void {
  const written = noteCodeSilently(turn);
  turn.say.push(say.startTesting(turn.ctx.problem, written > 0));
  if (written > 0) { moveTo(turn, 'test'); markAsked(turn, 'walkthrough'); turn.runTests = true; }
}

/** Results from the candidate's machine: confront a failing case, or acknowledge the pass and move on. */
function onTestsCompleted(turn: Turn, run: TestRunSummary): void {
  turn.say.push(say.testResults(run, turn.ctx.problem));
  if (run.failed > 0 && turn.stage === 'code') moveTo(turn, 'test');
  const earlierFailures = turn.ctx.testRuns.filter((r) => r.runId !== run.runId && r.failed > 0).length;
  if (run.failed > 0 && (earlierFailures > 0 || turn.memory.hintsGiven > 0) && !asked(turn, 'scaffold')) {
    markAsked(turn, 'scaffold'); // adapt down: a second failure or failing after hints
    turn.say.push(say.scaffold(run));
    return;
  }
  const clean = run.failed === 0 && !run.missing && earlierFailures === 0 && turn.memory.hintsGiven === 0;
  const quadratic = readCode(turn.ctx)?.insight.findings.some((f) => f.kind === 'nested-loop' || f.kind === 'hidden-scan');
  const linearTarget = (complexityRank(turn.ctx.problem.targetTime) ?? 99) < 4;
  if (clean && !(quadratic && linearTarget) && !asked(turn, 'follow-up')) {
    markAsked(turn, 'follow-up'); // adapt up: a clean, efficient solution earns a harder variant
    turn.say.push(say.harderFollowUp(turn.ctx.problem));
    return;
  }
  if (run.failed === 0 && !run.missing && turn.stage === 'test' && asked(turn, 'walkthrough') && !asked(turn, 'edge-case')) {
    markAsked(turn, 'edge-case');
    turn.say.push(say.askEdgeCase(turn.ctx.problem));
  }
}

/** Silence with no typing while the candidate should be working: offer help, one level at a time. */
function onIdle(turn: Turn): boolean {
  if (!['clarify', 'approach', 'code'].includes(turn.stage)) return false;
  turn.say.push(say.idleNudge(turn.ctx.problem, turn.memory.hintsGiven));
  turn.memory.hintsGiven = Math.min(turn.memory.hintsGiven + 1, turn.ctx.problem.hints.length);
  return true;
}

function askFinalComplexity(turn: Turn, question: string = say.askFinalComplexity): void {
  moveTo(turn, 'wrap-up');
  markAsked(turn, 'final-complexity');
  turn.say.push(question);
}

function close(turn: Turn, r: CandidateReading | null): void {
  const said = r?.complexity ?? null;
  turn.say.push(say.closing(turn.ctx.problem, said, said ? meetsTarget(said, turn.ctx.problem.targetTime) : null));
  turn.end = true;
}

function onAnswer(turn: Turn, text: string): void {
  const r = readAnswer(text);
  const stage = turn.stage;
  turn.memory.stageTurns += 1;
  if (r.hint) {
    turn.say.push(say.hint(turn.ctx.problem, turn.memory.hintsGiven));
    turn.memory.hintsGiven = Math.min(turn.memory.hintsGiven + 1, turn.ctx.problem.hints.length);
  } else if (stage === 'intro' || stage === 'clarify') {
    if (remarkOnCode(turn)) return;
    const answered = answerQuestion(turn, r, text);
    if (r.techniques.length > 0 || r.complexity) discussApproach(turn, r);
    else if (answered) { if (turn.memory.clarifyingQuestions % 2 === 0) turn.say.push(say.moreQuestions(turn.seed)); }
    else if (r.readyToCode) { moveTo(turn, 'approach'); turn.say.push(say.planBeforeCoding); }
    else if (r.question) { turn.memory.clarifyingQuestions += 1; turn.say.push(say.generalQuestion(turn.seed)); }
    else turn.say.push(turn.memory.stageTurns >= 2 ? say.invitePlan(turn.seed) : say.moreQuestions(turn.seed));
  } else if (stage === 'approach') {
    if (remarkOnCode(turn)) return;
    if (!answerQuestion(turn, r, text)) discussApproach(turn, r);
  } else if (stage === 'code') {
    if (r.done || r.wantsToTest) startTesting(turn);
    else if (!answerQuestion(turn, r, text) && !remarkOnCode(turn)) turn.say.push(say.acknowledge(turn.seed));
  } else if (stage === 'test') {
    if (answerQuestion(turn, r, text) || remarkOnCode(turn)) return;
    if (!asked(turn, 'edge-case')) { markAsked(turn, 'edge-case'); turn.say.push(say.askEdgeCase(turn.ctx.problem)); }
    else askFinalComplexity(turn);
  } else if (!asked(turn, 'final-complexity')) {
    askFinalComplexity(turn);
  } else {
    close(turn, r);
  }
  if (turn.stage === stage && !turn.end && overBudget(stage, turn.memory, turn.ctx.elapsedMs)) nudgeOn(turn, stage);
}

/** The stage ran far over its budget: say so and move the interview along. */
function nudgeOn(turn: Turn, stage: Stage): void {
  if (stage === 'test') { askFinalComplexity(turn, say.NUDGES.test); return; }
  turn.say.push(say.NUDGES[stage]);
  if (stage === 'intro' || stage === 'clarify') moveTo(turn, 'approach');
  else if (stage === 'approach') moveTo(turn, 'code');
  else if (stage === 'code') startTesting(turn);
  else close(turn, null);
}

/** Decides one interviewer turn, or returns null when the interviewer should stay silent. */
export function planTurn(ctx: InterviewContext, event: InterviewerEvent): TurnPlan | null {
  const turn: Turn = { ctx, seed: ctx.turns.length, say: [], stage: ctx.stage, memory: parseMemory(ctx.memory), end: false, runTests: false };
  turn.memory = { ...turn.memory, asked: [...turn.memory.asked], quotedLineKeys: [...turn.memory.quotedLineKeys] };
  switch (event.kind) {
    case 'session-start':
      if (ctx.stage === 'intro') { turn.say.push(say.introduction(ctx.problem)); moveTo(turn, 'clarify'); }
      else turn.say.push(say.welcomeBack(ctx.stage));
      break;
    case 'code-settled':
      if (ctx.stage === 'wrap-up' || !remarkOnCode(turn)) return null;
      break;
    case 'candidate-answer':
      onAnswer(turn, event.text);
      break;
    case 'tests-completed':
      if (ctx.stage === 'wrap-up') return null;
      onTestsCompleted(turn, event.run);
      break;
    case 'candidate-idle':
      if (!onIdle(turn)) return null;
      break;
    default: return assertNever(event, 'interviewer event');
  }
  const changed = turn.say.length > 0 || turn.stage !== ctx.stage || turn.end || turn.runTests;
  return changed ? { say: turn.say, stage: turn.stage, memory: turn.memory, end: turn.end, runTests: turn.runTests } : null;
}
