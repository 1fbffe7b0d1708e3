// What the model is told each turn. The static brief (persona, rules, problem, rubric) comes first so a
// provider's prompt cache can reuse it across turns; the conversation follows; the live state (stage,
// clock, code) comes last, where the model weighs it most. Pure: tests read the exact text.
import { analyzeCode } from '../../analysis/analyze';
import { DIMENSIONS, STAGES, assertNever, type Dimension, type Stage } from '../../../../protocol/src/domain';
import type { CodeState, InterviewContext, InterviewerEvent } from '../interviewer';
import { parseMemory } from '../local/memory';
import { STAGE_BUDGET_MS, overBudget } from '../local/stages';

/** A chat message in the shape every OpenAI-compatible server takes. */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The four dimensions the interview is scored on, as the model should read them. */
export const RUBRIC: Readonly<Record<Dimension, string>> = {
  'problem-solving': 'finds a working approach, reasons about time and space, reaches the target complexity, needs few hints',
  coding: 'turns the approach into correct, readable code with no errors left in the editor',
  communication: 'asks clarifying questions, thinks out loud, explains decisions clearly and concisely',
  verification: 'walks through an example by hand, considers edge cases, catches their own bugs',
};

const STAGE_GOALS: Readonly<Record<Stage, string>> = {
  intro: 'greet the candidate and present the problem in a few sentences',
  clarify: 'answer clarifying questions from the statement and constraints',
  approach: 'hear the plan and its time and space complexity before any code',
  code: 'let them code; ask about specific lines, quoting them with their line number',
  test: 'have them walk through an example step by step, then an edge case',
  'wrap-up': 'ask for the final complexity, then thank them and end the interview',
};

const RULES = [
  'You are a friendly, experienced software engineer running a live mock coding interview. The candidate hears your replies as speech.',
  'Rules:',
  '- Reply in one to three short spoken sentences: no markdown, no bullet lists, no code blocks.',
  '- Ask one question at a time, then stop and let the candidate answer.',
  '- Never give the full solution or write the code for them. When they are stuck, give the next hint only.',
  "- React to what they actually said and to their current code; quote a code line by its number when you ask about it (\"on line 12, ...\").",
  '- Move through the stages in order; spend roughly the time each stage deserves and move on when a stage runs over.',
  'Actions (tool calls, alongside your spoken reply):',
  '- advance_stage {stage}: when the interview moves to a later stage. Never go back.',
  '- give_hint {level}: whenever your reply gives a hint; level is the number of the hint below you are giving.',
  '- end_interview {}: after your closing words in the wrap-up, or when the candidate asks to stop.',
].join('\n');

const minutes = (ms: number): string => `${Math.round(ms / 6_000) / 10} min`;

export function problemBrief(problem: InterviewContext['problem']): string {
  // Built field by field from the public parts only: the hidden test cases must never reach the model.
  const examples = problem.examples.map((e, i) =>
    `Example ${i + 1}: input ${e.input} → output ${e.output}${e.explanation ? ` (${e.explanation})` : ''}`);
  return [
    `# Problem: ${problem.title} (${problem.difficulty})`,
    problem.statement,
    `The candidate implements \`${problem.functionName}\`.`,
    `Constraints:\n${problem.constraints.map((c) => `- ${c}`).join('\n')}`,
    examples.join('\n'),
    `Target complexity: ${problem.targetTime} time, ${problem.targetSpace} space.`,
  ].join('\n\n');
}

function hintsBrief(problem: InterviewContext['problem']): string {
  return `Hints, gentlest first (for you only; give them one at a time, only when needed):\n${problem.hints.map((h, i) => `${i + 1}. ${h}`).join('\n')}`;
}

export function rubricBrief(): string {
  return `# Rubric (the interview is scored 1-4 on each)\n${DIMENSIONS.map((d) => `- ${d}: ${RUBRIC[d]}`).join('\n')}`;
}

function stagesBrief(): string {
  return `# Stages, in order\n${STAGES.map((s, i) => `${i + 1}. ${s}: ${STAGE_GOALS[s]}`).join('\n')}`;
}

/** The static part of the brief: identical on every turn of one interview. */
export function systemBrief(problem: InterviewContext['problem']): string {
  return [RULES, problemBrief(problem), hintsBrief(problem), stagesBrief(), rubricBrief()].join('\n\n');
}

/** Code with right-aligned 1-based line numbers ("12| for (...)"), so the model can cite lines exactly. */
export function numberedCode(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const width = String(lines.length).length;
  return lines.map((line, i) => `${String(i + 1).padStart(width)}| ${line}`).join('\n');
}

export function codeBrief(code: CodeState | null): string {
  if (!code || code.text.trim() === '') return '# Candidate code\n(The editor is empty: no code yet.)';
  const cursor = code.cursor ? ` The cursor is on line ${code.cursor.line + 1}.` : '';
  // Diagnostics arrive 0-based from the editor; the model sees the same 1-based numbers as the listing.
  const diagnostics = code.diagnostics.length === 0 ? 'Editor diagnostics: none.'
    : `Editor diagnostics:\n${code.diagnostics.map((d) => `- line ${d.line + 1} (${d.severity}): ${d.message}`).join('\n')}`;
  return `# Candidate code (${code.language}, live buffer)${cursor}\n\`\`\`${code.language}\n${numberedCode(code.text)}\n\`\`\`\n${diagnostics}${analysisBrief(code)}`;
}

/** What the parser reads from the code, so the model's follow-ups rest on facts, not its own guess. */
function analysisBrief(code: CodeState): string {
  const a = analyzeCode(code.language, code.text);
  if (!a.supported) return '';
  const guards = a.edgeCases.map((g) => `${g.kind} (line ${g.line})`).join(', ') || 'none';
  const stale = a.stale ? ' (from the last version that parsed; the buffer has syntax errors now)' : '';
  return `\nCode analysis${stale}: estimated time ${a.time.bigO} — ${a.time.because} Estimated space ${a.space.bigO} — ${a.space.because} `
    + `Deepest loop nesting: ${a.maxLoopDepth}. Edge-case guards: ${guards}.`;
}

function stateBrief(ctx: InterviewContext): string {
  const memory = parseMemory(ctx.memory);
  const inStage = Math.max(0, ctx.elapsedMs - memory.stageStartedMs);
  const next = STAGES[STAGES.indexOf(ctx.stage) + 1];
  const lines = [
    `# Interview state`,
    `Current stage: ${ctx.stage} (${STAGES.indexOf(ctx.stage) + 1} of ${STAGES.length})${next ? `; next: ${next}` : ''}.`,
    `Time: ${minutes(ctx.elapsedMs)} into the interview, ${minutes(inStage)} in this stage (budget ${minutes(STAGE_BUDGET_MS[ctx.stage])}).`,
    `Hints given so far: ${memory.hintsGiven} of ${ctx.problem.hints.length}.`,
  ];
  if (overBudget(ctx.stage, memory, ctx.elapsedMs)) lines.push('This stage is far over its time budget: wrap it up and move the interview on now.');
  return lines.join('\n');
}

function eventNote(event: InterviewerEvent, stage: Stage): string {
  switch (event.kind) {
    case 'session-start':
      return stage === 'intro'
        ? 'The candidate has just joined. Greet them, present the problem in a few sentences, invite clarifying questions, and call advance_stage with stage "clarify".'
        : `The candidate has rejoined during the ${stage} stage. Welcome them back and pick up where you left off.`;
    case 'candidate-answer':
      return 'Reply to the candidate\'s last message.';
    case 'code-settled':
      return 'The candidate\'s code just changed and went quiet. Comment only if something is worth a question (quote the line); otherwise reply with an empty message and no tool calls.';
    case 'tests-completed': {
      const { run } = event;
      if (run.missing) return `The candidate's machine could not run the tests: ${run.missing} Say so briefly and continue by hand.`;
      const f = run.firstFailure;
      const failure = f ? ` First failing case: input ${f.input}, expected ${f.expected}, got ${f.actual ?? f.error ?? f.verdict} (${f.verdict}).` : '';
      return `The hidden tests just ran on the candidate's code: ${run.passed} passed, ${run.failed} failed.${failure} React to the result: confront a failing case concretely without giving the fix, or acknowledge the pass and move on.`;
    }
    case 'candidate-idle':
      return `The candidate has been silent and has not typed for ${Math.round(event.idleMs / 1000)} seconds. Offer a gentle nudge (the next hint level, calling give_hint), or ask where they are stuck.`;
    default: return assertNever(event, 'interviewer event');
  }
}

/** The whole request: static brief, conversation, then live state and what just happened. */
export function buildMessages(ctx: InterviewContext, event: InterviewerEvent): PromptMessage[] {
  const conversation: PromptMessage[] = ctx.turns
    .filter((t) => t.text.trim() !== '')
    .map((t) => ({ role: t.speaker === 'interviewer' ? 'assistant' : 'user', content: t.text }));
  // The runtime stores the answer before asking; a caller that did not still gets it heard.
  const last = ctx.turns.at(-1);
  if (event.kind === 'candidate-answer' && (last?.speaker !== 'candidate' || last.text !== event.text)) {
    conversation.push({ role: 'user', content: event.text });
  }
  const live = [stateBrief(ctx), codeBrief(ctx.code), `# Now\n${eventNote(event, ctx.stage)}`].join('\n\n');
  return [{ role: 'system', content: systemBrief(ctx.problem) }, ...conversation, { role: 'system', content: live }];
}
