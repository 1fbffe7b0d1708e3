// A deterministic interviewer for voice tests: short, fixed lines, so what is spoken (and how long it
// takes) is known. Replies to answers come from `replies` first, then echo the answer.
import { assertNever } from '../../../protocol/src/domain';
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput,
} from '../../../backend/src/interviewer/interviewer';

export class VoiceTestInterviewer implements Interviewer {
  readonly events: InterviewerEvent[] = [];
  /** What to say to the next answers, in order; after them, "You said: …". */
  replies: string[] = [];

  constructor(private readonly wordDelayMs = 0) {}

  async *respond(context: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    this.events.push(event);
    let text: string;
    switch (event.kind) {
      case 'session-start': text = `Welcome. Today we solve ${context.problem.title}.`; break;
      case 'candidate-answer': text = this.replies.shift() ?? `You said: ${event.text}.`; break;
      // Silence otherwise, so a test hears only the turns it asked for.
      case 'code-settled': case 'tests-completed': case 'candidate-idle': return;
      default: return assertNever(event, 'interviewer event');
    }
    for (const word of text.split(/(?<= )/)) {
      if (signal.aborted) return;
      if (this.wordDelayMs) await new Promise((r) => setTimeout(r, this.wordDelayMs));
      yield { kind: 'text', delta: word };
    }
  }

  async evaluate(context: InterviewContext): Promise<EvaluationDraft> {
    const answers = context.turns.filter((t) => t.speaker === 'candidate').length;
    return {
      band: 'no-hire', overall: 2,
      scores: (['problem-solving', 'coding', 'communication', 'verification'] as const).map((dimension) => ({
        dimension, score: 2, evidence: [{ kind: 'signal' as const, ref: null, line: null, quote: `${answers} answers` }],
      })),
      summary: `Voice test evaluation after ${answers} answers.`,
    };
  }
}
