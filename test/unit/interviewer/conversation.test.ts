import assert from 'node:assert/strict';
import type { InterviewerOutput } from '../../../backend/src/interviewer/interviewer';
import { LocalInterviewer } from '../../../backend/src/interviewer/local/localInterviewer';
import { STAGE_BUDGET_MS } from '../../../backend/src/interviewer/local/stages';
import { ScriptedSession } from './harness';
import { JS_HASHMAP, pairProblem, vagueProblem } from './fixtures';

async function clarifying(problem = pairProblem): Promise<ScriptedSession> {
  const session = new ScriptedSession(problem);
  await session.start();
  return session;
}

const minutes = (n: number) => n * 60_000;

describe('local interviewer: conversation', () => {
  describe('introduction', () => {
    it('greets, names and paraphrases the problem, points at the examples and invites questions', async () => {
      const session = new ScriptedSession();
      const { text, outputs } = await session.start();
      assert.match(text, /^Hi/);
      assert.ok(text.includes('Pair With Target Sum'));
      assert.ok(text.includes('Given an array of integers `nums` and an integer `target`, return the indices'));
      assert.ok(!text.includes('Exactly one valid pair'), 'only the first paragraph is paraphrased');
      assert.match(text, /a couple of examples/);
      assert.match(text, /clarifying questions/);
      assert.deepEqual(outputs.filter((o) => o.kind === 'stage'), [{ kind: 'stage', stage: 'clarify' }]);
    });

    it('streams the intro in word-sized deltas, after the stage change', async () => {
      const { outputs } = await new ScriptedSession().start();
      assert.deepEqual(outputs.slice(0, 2).map((o) => o.kind), ['stage', 'text']);
      const deltas = outputs.filter((o): o is Extract<InterviewerOutput, { kind: 'text' }> => o.kind === 'text');
      assert.ok(deltas.length > 30);
      for (const d of deltas) assert.ok(d.delta.trim().split(/\s+/).length === 1, JSON.stringify(d.delta));
    });

    it('welcomes the candidate back instead of re-introducing on a later session-start', async () => {
      const session = new ScriptedSession();
      session.stage = 'code';
      const { text, outputs } = await session.start();
      assert.match(text, /Welcome back/);
      assert.ok(!outputs.some((o) => o.kind === 'stage'));
    });
  });

  describe('clarifying questions', () => {
    const answers: Array<[string, string[], RegExp]> = [
      ['size', ['How big can the array get?', "What's the maximum length of nums?", 'Are there any limits on the input size?'], /`2 <= nums\.length <= 10\^4`/],
      ['value range', ['How large can the values be?', 'What range are the numbers in?', 'Could the integers overflow?'], /`-10\^9 <= nums\[i\], target <= 10\^9`/],
      ['empty', ['Can the array be empty?', 'What if there are no elements?', 'Could nums have zero length?'], /No — `2 <= nums\.length <= 10\^4`, so you'll always have at least 2/],
      ['negative', ['Can there be negative numbers?', 'Are values ever below zero?', 'Could target be negative?'], /Yes, negatives are allowed: `-10\^9 <= nums\[i\], target <= 10\^9`/],
      ['duplicates', ['Could there be duplicates?', 'Can the same number appear twice?', 'Can values repeat?'], /two positions may hold equal values/],
      ['sorted', ['Is the input sorted?', 'Is the array in increasing order?', 'Can I assume ascending order?'], /assume it isn't/],
      ['example', ['Can you give me an example?', 'Could you show me a sample input?', 'What would an example look like?'], /`nums = \[2, 7, 11, 15\], target = 9` the answer is `\[0, 1\]`/],
    ];
    for (const [what, questions, expected] of answers) {
      it(`answers ${questions.length} paraphrases about ${what} from the problem`, async () => {
        for (const q of questions) {
          const session = await clarifying();
          const { text } = await session.say(q);
          assert.match(text, expected, `${q} → ${text}`);
          assert.equal(session.stage, 'clarify');
          assert.equal(session.memory.clarifyingQuestions, 1);
        }
      });
    }

    it('hands out the next example when asked again', async () => {
      const session = await clarifying();
      await session.say('Can you give me an example?');
      const { text } = await session.say('Could you give me another example?');
      assert.match(text, /`nums = \[3, 3\], target = 6`/);
    });

    it('tells the candidate to assume the common case and say so when the problem is silent', async () => {
      const session = await clarifying(vagueProblem);
      assert.match((await session.say('Can the list be empty?')).text, /assume there's at least one element/);
      assert.match((await session.say('Can there be negative numbers?')).text, /assume they can be/);
      assert.match((await session.say('Is the list sorted?')).text, /assume it isn't/);
      assert.match((await session.say('Could there be duplicates?')).text, /assume duplicates can show up/);
      assert.match((await session.say('How big can the input get?')).text, /no explicit limits/);
      assert.equal(session.memory.clarifyingQuestions, 5);
    });

    it('counts a general question and leaves the assumption to the candidate', async () => {
      const session = await clarifying();
      const { text } = await session.say('Does the function have to be pure?');
      assert.match(text, /assumption/);
      assert.equal(session.memory.clarifyingQuestions, 1);
    });
  });

  describe('stage machine', () => {
    it('runs a scripted interview from the intro to the end', async () => {
      const session = new ScriptedSession();
      const stages: string[] = [];
      const step = async (reply: Promise<{ outputs: InterviewerOutput[]; text: string }>) => {
        const r = await reply;
        for (const o of r.outputs) if (o.kind === 'stage') stages.push(o.stage);
        return r.text;
      };
      await step(session.start());
      await step(session.say('Can the array be empty?'));
      assert.match(await step(session.say("I'd use a hash map from each value to its index and scan once.")), /time complexity/);
      assert.equal(session.stage, 'approach');
      assert.match(await step(session.say("That's linear time, and linear space for the map.")), /Go ahead and code it up; talk me through it as you go\./);
      assert.match(await step(session.settle(JS_HASHMAP)), /I see you've started/);
      assert.match(await step(session.say("I think I'm done.")), /Walk me through your code with `nums = \[2, 7, 11, 15\], target = 9`/);
      assert.match(await step(session.say('At i = 0 I store 2 in the map, at i = 1 I need 2, find it, and return [0, 1].')), /edge case/);
      assert.match(await step(session.say('With [3, 3] the first 3 is stored before the second looks it up, so [0, 1].')), /time and space complexities/);
      assert.ok(!session.ended);
      const last = await session.say('O(n) time and O(n) space, which I think is optimal.');
      assert.match(last.text, /Agreed — O\(n\) time and O\(n\) space/);
      assert.equal(last.outputs.at(-1)?.kind, 'end');
      assert.ok(session.ended);
      assert.deepEqual(stages, ['clarify', 'approach', 'code', 'test', 'wrap-up']);
    });

    it('does not claim agreement when the answer cannot be compared with the target', async () => {
      const session = await clarifying({ ...pairProblem, targetTime: 'O(n log k)' });
      session.stage = 'wrap-up';
      session.memory = { ...session.memory, asked: ['final-complexity'] };
      const { text } = await session.say('O(n) time.');
      assert.match(text, /For reference, this one can be done in O\(n log k\) time/);
      assert.doesNotMatch(text, /Agreed/);
    });

    it('asks for complexity when the approach comes without it, and only once', async () => {
      const session = await clarifying();
      assert.match((await session.say('Maybe sort it and use two pointers?')).text, /Sorting plus two pointers — sounds reasonable\. What's the time complexity/);
      const { text } = await session.say('Then I walk the pointers inwards.');
      assert.doesNotMatch(text, /complexity/);
      assert.equal(session.stage, 'code');
    });

    it('pushes once for better than the target, then lets the candidate go with it', async () => {
      const session = await clarifying();
      assert.match((await session.say('Brute force: check every pair, O(n^2).')).text, /O\(n\^2\) would work\. Do you think we can do better/);
      assert.equal(session.stage, 'approach');
      const { text } = await session.say("I'll stick with O(n^2) for now.");
      assert.match(text, /go with it/);
      assert.equal(session.stage, 'code');
    });

    it('asks for the idea first when the candidate wants to code straight away', async () => {
      const session = await clarifying();
      assert.match((await session.say('Okay, let me start coding.')).text, /give me the idea/);
      assert.equal(session.stage, 'approach');
      await session.say('Let me start coding.');
      assert.equal(session.stage, 'code');
    });

    it('moves to code when the code appears while the candidate is still talking approach', async () => {
      const session = await clarifying();
      session.setCode(JS_HASHMAP);
      const { text } = await session.say('So yeah, something like this.');
      assert.equal(session.stage, 'code');
      assert.match(text, /jumped into the code/);
    });

    it('will not start testing before there is any code', async () => {
      const session = await clarifying();
      await session.say('Let me start coding.');
      await session.say('Let me start coding.');
      const { text } = await session.say("I'm done.");
      assert.match(text, /don't see any code/);
      assert.equal(session.stage, 'code');
    });

    it('acknowledges running commentary while coding without repeating a remark', async () => {
      const session = await clarifying();
      await session.say('Hash map, O(n).');
      await session.settle(JS_HASHMAP);
      const { text } = await session.say('Now I store each value after checking it.');
      assert.match(text, /^(Mm-hm|Got it|Okay|Sure)/);
      assert.equal(quoteCount(text), 0);
    });
  });

  describe('time budgets', () => {
    it('leaves a stage alone while it is within budget', async () => {
      const session = await clarifying();
      session.elapsedMs = STAGE_BUDGET_MS.clarify;
      await session.say('Okay, got it.');
      assert.equal(session.stage, 'clarify');
    });

    it('nudges from clarification to the approach when far over budget', async () => {
      const session = await clarifying();
      session.elapsedMs = minutes(9);
      const { text } = await session.say('Can the array be empty?');
      assert.match(text, /No — `2 <= nums\.length/);
      assert.match(text, /Let's keep moving — how would you approach it\?/);
      assert.equal(session.stage, 'approach');
    });

    it('nudges from the approach to code, and from code to testing', async () => {
      const session = await clarifying();
      await session.say('Okay, let me start coding.');
      assert.equal(session.stage, 'approach');
      session.elapsedMs = minutes(20);
      assert.match((await session.say('Hmm, give me a second.')).text, /In the interest of time/);
      assert.equal(session.stage, 'code');
      session.setCode(JS_HASHMAP);
      await session.run({ kind: 'code-settled' });
      session.elapsedMs = minutes(20 + 40);
      const { text } = await session.say('Now I add the lookup.');
      assert.match(text, /tight on time.*Walk me through your code/);
      assert.equal(session.stage, 'test');
    });

    it('closes the interview when the wrap-up runs far over', async () => {
      const session = await clarifying();
      session.stage = 'wrap-up';
      session.memory = { ...session.memory, asked: ['final-complexity'] };
      session.elapsedMs = minutes(90);
      const { outputs } = await session.say('Sorry, where were we?');
      assert.equal(outputs.at(-1)?.kind, 'end');
    });
  });

  describe('hints', () => {
    it('gives the problem hints in order and says when none are left', async () => {
      const session = await clarifying();
      const asks = ["I'm stuck, can I get a hint?", "I'm not sure how to avoid the inner loop.", 'Could you help me a bit more?', 'Another hint?'];
      const texts: string[] = [];
      for (const ask of asks) texts.push((await session.say(ask)).text);
      pairProblem.hints.forEach((h, i) => assert.ok(texts[i].includes(h), `hint ${i + 1}: ${texts[i]}`));
      assert.match(texts[2], /last hint/);
      assert.match(texts[3], /all the hints I have/);
      assert.equal(session.memory.hintsGiven, pairProblem.hints.length);
    });
  });

  describe('interruptions', () => {
    it('stops streaming when the turn is aborted', async () => {
      const session = await clarifying();
      const controller = new AbortController();
      const got: InterviewerOutput[] = [];
      for await (const o of new LocalInterviewer().respond(session.context(), { kind: 'candidate-answer', text: 'Can you give me an example?' }, controller.signal)) {
        got.push(o);
        if (o.kind === 'text') controller.abort();
      }
      assert.equal(got.filter((o) => o.kind === 'text').length, 1);
    });

    it('does not end the interview when the closing words are cut off', async () => {
      const session = await clarifying();
      session.stage = 'wrap-up';
      session.memory = { ...session.memory, asked: ['final-complexity'] };
      const controller = new AbortController();
      const got: InterviewerOutput[] = [];
      for await (const o of new LocalInterviewer().respond(session.context(), { kind: 'candidate-answer', text: 'O(n).' }, controller.signal)) {
        got.push(o);
        if (o.kind === 'text') controller.abort();
      }
      assert.ok(!got.some((o) => o.kind === 'end'));
    });

    it('yields nothing for an already aborted signal', async () => {
      const controller = new AbortController();
      controller.abort();
      const got: InterviewerOutput[] = [];
      for await (const o of new LocalInterviewer().respond(new ScriptedSession().context(), { kind: 'session-start' }, controller.signal)) got.push(o);
      assert.deepEqual(got, []);
    });
  });

  it('says the same words when the same interview is replayed', async () => {
    const run = async () => {
      const s = await clarifying();
      return [(await s.say('Is it sorted?')).text, (await s.say('Hash map, O(n)')).text, (await s.settle(JS_HASHMAP)).text];
    };
    assert.deepEqual(await run(), await run());
  });
});

function quoteCount(text: string): number {
  return (text.match(/line \d+/g) ?? []).length;
}
