// The local interviewer: deterministic, offline, code-aware. Decisions live in ./stages, scoring in ./scoring.
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput,
} from '../interviewer';
import { streamText } from '../streamText';
import { sameMemory } from './memory';
import { evaluateInterview } from './scoring';
import { planTurn } from './stages';

export class LocalInterviewer implements Interviewer {
  /**
   * Yields stage and memory before the words: if the candidate barges in mid-sentence, the decision
   * (e.g. "we're in the code stage now") still stands. `end` comes last, only after the closing words.
   */
  async *respond(context: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    if (signal.aborted) return;
    const plan = planTurn(context, event);
    if (!plan) return;
    if (plan.stage !== context.stage) yield { kind: 'stage', stage: plan.stage };
    if (signal.aborted) return;
    if (!sameMemory(plan.memory, context.memory)) yield { kind: 'memory', memory: plan.memory };
    for await (const delta of streamText(plan.say.join(' '), signal)) yield { kind: 'text', delta };
    if (plan.runTests && !signal.aborted) yield { kind: 'run-tests' };
    if (plan.end && !signal.aborted) yield { kind: 'end' };
  }

  evaluate(context: InterviewContext): Promise<EvaluationDraft> {
    return Promise.resolve(evaluateInterview(context));
  }
}
