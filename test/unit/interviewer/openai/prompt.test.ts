import assert from 'node:assert/strict';
import { initialMemory, type InterviewContext, type InterviewerEvent } from '../../../../backend/src/interviewer/interviewer';
import { buildMessages, numberedCode } from '../../../../backend/src/interviewer/openai/prompt';
import { JS_HASHMAP } from '../fixtures';
import { HIDDEN_MARKERS, problemWithHiddenTests } from './support';

function context(overrides: Partial<InterviewContext> = {}): InterviewContext {
  return { problem: problemWithHiddenTests, stage: 'code', turns: [], code: null, memory: initialMemory(), elapsedMs: 0, testRuns: [], ...overrides };
}

const answer = (text: string): InterviewerEvent => ({ kind: 'candidate-answer', text });
const everything = (ctx: InterviewContext, event: InterviewerEvent): string => buildMessages(ctx, event).map((m) => m.content).join('\n');

describe('OpenAI interviewer: prompt', () => {
  it('briefs the model on the problem: statement, constraints, examples, target complexity and hints', () => {
    const [system] = buildMessages(context(), { kind: 'session-start' });
    assert.equal(system.role, 'system');
    const p = problemWithHiddenTests;
    for (const part of [p.title, p.statement, ...p.constraints, p.examples[0].input, p.examples[1].input, 'O(n) time, O(n) space', ...p.hints]) {
      assert.ok(system.content.includes(part), `missing: ${part}`);
    }
  });

  it('states the persona rules: one question at a time, never the full solution, short spoken replies', () => {
    const [system] = buildMessages(context(), { kind: 'session-start' });
    assert.match(system.content, /one question at a time/i);
    assert.match(system.content, /never give the full solution/i);
    assert.match(system.content, /short spoken sentences/i);
  });

  it('never contains the hidden test cases', () => {
    const ctx = context({ code: { text: JS_HASHMAP, language: 'javascript', version: 1, cursor: null, diagnostics: [], snapshotSeq: 1 } });
    for (const event of [{ kind: 'session-start' } as const, answer('Can it be empty?'), { kind: 'code-settled' } as const]) {
      const text = JSON.stringify(buildMessages(ctx, event));
      for (const marker of HIDDEN_MARKERS) assert.ok(!text.includes(marker), `hidden test value ${marker} leaked`);
      assert.ok(!/testCases|expected/i.test(text));
    }
  });

  it('shows the code with right-aligned line numbers and 1-based diagnostics and cursor', () => {
    const ctx = context({
      code: { text: JS_HASHMAP, language: 'javascript', version: 3, cursor: { line: 5, character: 2 }, diagnostics: [{ line: 4, severity: 'error', message: 'Unexpected token' }], snapshotSeq: 2 },
    });
    const live = buildMessages(ctx, { kind: 'code-settled' }).at(-1)?.content ?? '';
    assert.ok(live.includes(' 3|   for (let i = 0; i < nums.length; i++) {'), live);
    assert.ok(live.includes('11| }'));
    assert.ok(!live.includes('12|'), 'the trailing newline is not a line');
    assert.ok(live.includes('- line 5 (error): Unexpected token'));
    assert.ok(live.includes('The cursor is on line 6.'));
  });

  it('numbers lines with the width of the last number', () => {
    const code = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const lines = numberedCode(code).split('\n');
    assert.equal(lines[0], ' 1| line 1');
    assert.equal(lines[11], '12| line 12');
  });

  it('replays the conversation in order as assistant and user messages, then the live state', () => {
    const turns = [
      { seq: 1, speaker: 'interviewer' as const, text: 'Hi, here is the problem.', stage: 'intro' as const },
      { seq: 2, speaker: 'candidate' as const, text: 'Can the array be empty?', stage: 'clarify' as const },
      { seq: 3, speaker: 'interviewer' as const, text: 'No, at least two.', stage: 'clarify' as const },
      { seq: 4, speaker: 'candidate' as const, text: 'I would use a hash map.', stage: 'clarify' as const },
    ];
    const messages = buildMessages(context({ stage: 'clarify', turns }), answer('I would use a hash map.'));
    assert.deepEqual(messages.slice(1, -1), [
      { role: 'assistant', content: 'Hi, here is the problem.' },
      { role: 'user', content: 'Can the array be empty?' },
      { role: 'assistant', content: 'No, at least two.' },
      { role: 'user', content: 'I would use a hash map.' },
    ]);
    assert.equal(messages.at(-1)?.role, 'system');
  });

  it('adds the candidate answer when the caller has not stored it yet', () => {
    const messages = buildMessages(context({ stage: 'clarify' }), answer('What about duplicates?'));
    assert.deepEqual(messages[1], { role: 'user', content: 'What about duplicates?' });
  });

  it('tells the model the current stage, the stage order and the rubric', () => {
    const text = everything(context({ stage: 'approach' }), answer('hash map'));
    assert.ok(text.includes('Current stage: approach (3 of 6); next: code.'));
    assert.match(text, /1\. intro[\s\S]*2\. clarify[\s\S]*3\. approach[\s\S]*4\. code[\s\S]*5\. test[\s\S]*6\. wrap-up/);
    for (const d of ['problem-solving', 'coding', 'communication', 'verification']) assert.ok(text.includes(`- ${d}: `), d);
  });

  it('says when the stage is far over its time budget, using the local stage budgets', () => {
    const inTime = everything(context({ stage: 'clarify', elapsedMs: 6 * 60_000 }), answer('ok'));
    const over = everything(context({ stage: 'clarify', elapsedMs: 8 * 60_000 }), answer('ok'));
    assert.ok(inTime.includes('6 min in this stage (budget 5 min)'));
    assert.ok(!/far over its time budget/.test(inTime));
    assert.match(over, /far over its time budget/);
  });

  it('invites silence on code-settled and an introduction on the first session start', () => {
    assert.match(everything(context(), { kind: 'code-settled' }), /reply with an empty message/);
    assert.match(everything(context({ stage: 'intro' }), { kind: 'session-start' }), /present the problem[\s\S]*advance_stage with stage "clarify"/);
    assert.match(everything(context({ stage: 'test' }), { kind: 'session-start' }), /rejoined during the test stage/);
  });

  it('reports the hints already given', () => {
    const text = everything(context({ memory: { ...initialMemory(), hintsGiven: 2 } }), answer('hint?'));
    assert.ok(text.includes('Hints given so far: 2 of 3.'));
  });
});
