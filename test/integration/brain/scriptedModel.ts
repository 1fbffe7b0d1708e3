// A scripted "model" for the fake OpenAI server: replies are derived from the prompt the OpenAIInterviewer
// built (its "# Now" note, numbered code, problem hints), with the tool calls a real model would make.
import type { FakeReply, RecordedRequest } from '../../fakes/openaiFake';

const DIMENSIONS = ['problem-solving', 'coding', 'communication', 'verification'] as const;

function evaluation(prompt: string): FakeReply {
  const score = /hidden tests?: \\d+ pass and [1-9]|fail/i.test(prompt) && !/all of them pass/.test(prompt) ? 1 : /O\(n\^2\)/.test(prompt) ? 2 : 4;
  const scores = DIMENSIONS.map((dimension) => ({ dimension, score, evidence: [] }));
  return { text: JSON.stringify({ scores, band: score >= 3 ? 'hire' : 'no-hire', summary: 'Scripted model evaluation.' }) };
}

export function scriptedModel(request: RecordedRequest): FakeReply {
  const messages = request.body.messages;
  const prompt = messages.map((m) => m.content ?? '').join('\n');
  if (!request.body.stream) return evaluation(prompt);
  const now = (messages.at(-1)?.content ?? '').split('# Now').at(-1) ?? '';
  const stage = /Current stage: ([a-z-]+)/.exec(prompt)?.[1] ?? 'intro';
  const lastCandidate = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  if (/just joined/.test(now)) {
    return { text: 'Hi! Today we will work on a pair-sum problem. Ask me anything before you start.', toolCalls: [{ name: 'advance_stage', arguments: { stage: 'clarify' } }] };
  }
  if (/hidden tests just ran/.test(now)) {
    const failing = /(\d+) passed, (\d+) failed\. First failing case: input (.*), expected (.*), got (.*?) \(/.exec(now);
    if (failing && failing[2] !== '0') {
      const total = Number(failing[1]) + Number(failing[2]);
      return { text: `I ran your code against ${total} hidden tests: ${failing[1]} pass and ${failing[2]} fail. For the input \`${failing[3]}\` it returns \`${failing[5]}\`, but the expected answer is \`${failing[4]}\`. Can you trace it?` };
    }
    return { text: 'I ran your code against the hidden tests and all of them pass. Nice.' };
  }
  if (/silent and has not typed/.test(now)) {
    const hint = /Hints[^\n]*\n(?:[^\n]*\n)*?\s*1[.)] ([^\n]+)/.exec(prompt)?.[1] ?? 'think about what to remember while scanning';
    return { text: `You've been quiet, so here's a small nudge: ${hint}`, toolCalls: [{ name: 'give_hint', arguments: { level: 1 } }] };
  }
  if (/code just changed/.test(now)) {
    const loop = /^\s*(\d+)\|\s+(for \(.*\)) \{$/m.exec(prompt.split('# Candidate').at(-1) ?? prompt) ?? /^\s*(\d+)\|\s+(for \(.*\)) \{$/m.exec(prompt);
    const nested = loop && /^\s*\d+\|\s{4,}for \(/m.test(prompt);
    return nested ? { text: `On line ${loop![1]}, \`${loop![2]}\` runs inside another loop — what does that cost for 10^4 numbers?` } : { text: '' };
  }
  if (/\b(done|finished)\b/i.test(lastCandidate) && stage === 'code') {
    return { text: 'Great, let me run your code.', toolCalls: [{ name: 'advance_stage', arguments: { stage: 'test' } }, { name: 'run_tests', arguments: {} }] };
  }
  if (/start(ing)? (to )?cod|code it|coding now/i.test(lastCandidate)) {
    return { text: 'Go ahead and code it up.', toolCalls: [{ name: 'advance_stage', arguments: { stage: 'code' } }] };
  }
  return { text: 'Okay. Tell me more about how you would approach it.' };
}
