import assert from 'node:assert/strict';
import { ScriptedSession } from './harness';
import { JS_HASHMAP, JS_HIDDEN_SCAN, JS_NESTED, PY_HASHMAP, PY_NESTED, pairProblem } from './fixtures';

/** Every `code` quote in a reply with the line number it claims, in either phrasing the interviewer uses. */
function quotes(text: string): Array<{ line: number; code: string }> {
  const found = [...text.matchAll(/line (\d+), `([^`]+)`/g)].map((m) => ({ line: Number(m[1]), code: m[2] }));
  const signature = [...text.matchAll(/`([^`]+)` on line (\d+)/g)].map((m) => ({ line: Number(m[2]), code: m[1] }));
  return [...signature, ...found];
}

function assertQuotesMatch(text: string, code: string): void {
  const lines = code.split('\n');
  const found = quotes(text);
  assert.ok(found.length > 0, `no quoted line in: ${text}`);
  for (const q of found) assert.ok(lines[q.line - 1]?.includes(q.code), `line ${q.line} is "${lines[q.line - 1]}", quoted "${q.code}"`);
}

async function inCodeStage(): Promise<ScriptedSession> {
  const session = new ScriptedSession();
  await session.start();
  await session.say("I'd use a hash map from value to index; that's O(n) time.");
  assert.equal(session.stage, 'code');
  return session;
}

const withBody = (body: string[]) => ['function pairWithTargetSum(nums, target) {', ...body, '  return [];', '}', ''].join('\n');

describe('local interviewer: code awareness', () => {
  it('notices code when it first appears, quoting real lines with their 1-based numbers', async () => {
    const session = await inCodeStage();
    const { text } = await session.settle(JS_HASHMAP);
    assert.match(text, /I see you've started — `function pairWithTargetSum\(nums, target\)` on line 1/);
    assertQuotesMatch(text, JS_HASHMAP);
    assert.match(text, /line 2, `const seen = new Map\(\);` — what are you keeping in it/);
  });

  it('quotes Python code just as exactly', async () => {
    const session = await inCodeStage();
    const { text } = await session.settle(PY_HASHMAP, 'python');
    assertQuotesMatch(text, PY_HASHMAP);
    assert.match(text, /`def pair_with_target_sum\(nums, target\)` on line 1/);
  });

  it('says nothing about the untouched starter code or a trivial edit', async () => {
    const session = await inCodeStage();
    assert.deepEqual((await session.settle(pairProblem.starterCode.javascript)).outputs, []);
    assert.deepEqual((await session.settle(withBody(['  const seen = new Map();']))).outputs, []);
    assert.deepEqual((await session.settle(withBody(['  const seen = new Map(); ']))).outputs, []);
  });

  it('says nothing the second time it sees the same code, even reformatted', async () => {
    const session = await inCodeStage();
    assert.notEqual((await session.settle(JS_HASHMAP)).text, '');
    assert.deepEqual((await session.settle(JS_HASHMAP)).outputs, []);
    assert.deepEqual((await session.settle(`${JS_HASHMAP.replace(/ {2}/g, '\t')}\n\n`)).outputs, []);
  });

  it('says nothing about a couple of characters changed in code it already discussed', async () => {
    const session = await inCodeStage();
    await session.settle(JS_HASHMAP);
    assert.deepEqual((await session.settle(JS_HASHMAP.replace('const need', 'let need'))).outputs, []);
    assert.deepEqual((await session.settle(JS_HASHMAP.replace('i++', 'i += 1'))).outputs, []);
  });

  it('remembers the code it reacted to', async () => {
    const session = await inCodeStage();
    const { outputs } = await session.settle(JS_HASHMAP);
    const memory = outputs.find((o) => o.kind === 'memory');
    assert.ok(memory?.kind === 'memory');
    assert.equal(memory.memory.lastCodeLines, 8); // substantive lines: braces-only lines do not count
    assert.match(memory.memory.lastCodeHash ?? '', /^[0-9a-f]{16}$/);
  });

  it('calls out a nested loop and asks what it costs at the problem size', async () => {
    const session = await inCodeStage();
    const { text } = await session.settle(JS_NESTED);
    assert.match(text, /line 4, `for \(let j = i \+ 1; j < nums\.length; j\+\+\) \{` — that's a loop inside another loop/);
    assert.match(text, /up to 10\^4 elements/);
    assertQuotesMatch(text, JS_NESTED);
  });

  it('calls out a nested loop in Python too', async () => {
    const session = await inCodeStage();
    const { text } = await session.settle(PY_NESTED, 'python');
    assert.match(text, /line 4, `for j in range\(i \+ 1, n\):` — that's a loop inside another loop/);
  });

  it('notices a linear scan hidden in a loop', async () => {
    const session = await inCodeStage();
    const { text } = await session.settle(JS_HIDDEN_SCAN);
    assert.match(text, /line 3, `const j = nums\.indexOf\(target - nums\[i\]\);` — that scans the whole collection/);
  });

  it('points gently at an error the editor reports', async () => {
    const session = await inCodeStage();
    const { text } = await session.settle(JS_HASHMAP, 'javascript', [{ line: 7, severity: 'error', message: "Cannot find name 'seenn'." }]);
    assert.match(text, /your editor is flagging line 8, `seen\.set\(nums\[i\], i\);`: Cannot find name 'seenn'\./);
  });

  it('remarks again on a substantial rewrite, about a line it has not asked about', async () => {
    const session = await inCodeStage();
    const first = await session.settle(JS_HASHMAP);
    const second = await session.settle(JS_NESTED);
    assert.match(second.text, /reworked|taking shape|added a fair bit/);
    assertQuotesMatch(second.text, JS_NESTED);
    const firstLines = new Set(quotes(first.text).map((q) => q.code));
    for (const q of quotes(second.text)) assert.ok(!firstLines.has(q.code), `repeated ${q.code}`);
  });

  it('moves to the code stage when code shows up during clarification', async () => {
    const session = new ScriptedSession();
    await session.start();
    const { text, outputs } = await session.settle(JS_HASHMAP);
    assert.deepEqual(outputs.filter((o) => o.kind === 'stage'), [{ kind: 'stage', stage: 'code' }]);
    assert.match(text, /jumped into the code/);
    assertQuotesMatch(text, JS_HASHMAP);
  });

  it('notices new code when the candidate talks while coding', async () => {
    const session = await inCodeStage();
    session.setCode(JS_NESTED);
    const { text } = await session.say('So I am checking every pair here.');
    assert.match(text, /loop inside another loop/);
  });

  it('stays quiet about code during the wrap-up', async () => {
    const session = await inCodeStage();
    session.stage = 'wrap-up';
    assert.deepEqual((await session.settle(JS_HASHMAP)).outputs, []);
  });
});
