// A deterministic Interviewer for protocol tests: replies are a pure function of the event, streamed
// word by word, with an optional pause per word so tests can disconnect in the middle of a turn.
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput,
} from '../../backend/src/interviewer/interviewer';

export class ScriptedInterviewer implements Interviewer {
  readonly events: InterviewerEvent[] = [];
  constructor(private readonly wordDelayMs = 0) {}

  async *respond(context: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    this.events.push(event);
    let text: string;
    switch (event.kind) {
      case 'session-start': text = `Welcome. Today: ${context.problem.title}.`; yield { kind: 'stage', stage: 'clarify' }; break;
      case 'candidate-answer':
        if (event.text === 'finish') { text = 'Thanks, that is all.'; yield { kind: 'end' }; break; }
        text = `You said: ${event.text}`; break;
      case 'code-settled': {
        const first = context.code?.text.split('\n')[0] ?? '';
        text = `I see line 1: ${first}`;
        yield { kind: 'stage', stage: 'code' };
        break;
      }
      case 'tests-completed': text = `Tests: ${event.run.passed} passed, ${event.run.failed} failed.`; break;
      case 'candidate-idle': text = `Still there? (${event.idleMs} ms)`; break;
    }
    for (const word of text.split(/(?<= )/)) {
      if (signal.aborted) return;
      if (this.wordDelayMs) await new Promise((r) => setTimeout(r, this.wordDelayMs));
      yield { kind: 'text', delta: word };
    }
  }

  async evaluate(context: InterviewContext): Promise<EvaluationDraft> {
    const answers = context.turns.filter((t) => t.speaker === 'candidate').length;
    const score = Math.min(4, 1 + answers);
    return {
      band: score >= 3 ? 'hire' : 'no-hire',
      overall: score,
      scores: (['problem-solving', 'coding', 'communication', 'verification'] as const).map((dimension) => ({
        dimension, score, evidence: [{ kind: 'signal' as const, ref: null, line: null, quote: `${answers} answers` }],
      })),
      summary: `Scripted evaluation after ${answers} answers.`,
    };
  }
}
