// runTests with real child processes (node and python3) against problems of the question bank.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { arraysHashingProblems } from '../../../backend/src/problems/bank/arrays-hashing';
import { linkedListsProblems } from '../../../backend/src/problems/bank/linked-lists';
import { treesProblems } from '../../../backend/src/problems/bank/trees';
import type { ProblemSpec } from '../../../protocol/src/domain';
import { runTests, type RunOptions } from '../../../extension/src/runner/runTests';
import type { RunRequest, RunResult } from '../../../extension/src/runner/types';

function problem(list: readonly ProblemSpec[], slug: string): ProblemSpec {
  const found = list.find((p) => p.slug === slug);
  assert.ok(found, `bank has ${slug}`);
  return found;
}
const pairSum = problem(arraysHashingProblems, 'pair-sum-indices');
const reverse = problem(linkedListsProblems, 'reverse-singly-linked-list');
const mirror = problem(treesProblems, 'mirror-binary-tree');

const JS_PAIR_SUM = `function pairSumIndices(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    if (seen.has(target - nums[j])) return [seen.get(target - nums[j]), j];
    seen.set(nums[j], j);
  }
  return [];
}`;
const TS_REVERSE = `interface ListNode { val: number; next: ListNode | null }
function reverseList(head: ListNode | null): ListNode | null {
  let prev: ListNode | null = null;
  while (head !== null) { const next: ListNode | null = head.next; head.next = prev; prev = head; head = next; }
  return prev;
}`;
const PY_PAIR_SUM = `def pair_sum_indices(nums, target):
    seen = {}
    for j, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], j]
        seen[x] = j
`;
const PY_REVERSE = `def reverse_list(head: Optional[ListNode]) -> Optional[ListNode]:
    prev = None
    while head:
        head.next, prev, head = prev, head, head.next
    return prev
`;
const PY_MIRROR = `def mirror_tree(root):
    if root is not None:
        root.left, root.right = mirror_tree(root.right), mirror_tree(root.left)
    return root
`;

function request(spec: ProblemSpec, language: RunRequest['language'], code: string): RunRequest {
  return { language, code, functionName: spec.functionName, testCases: spec.testCases, limits: { timeMsPerCase: 5000 } };
}

function assertAllPass(result: RunResult, total: number): void {
  const failures = result.cases.filter((c) => c.verdict !== 'pass');
  assert.deepEqual(failures, [], 'no failing cases');
  assert.equal(result.passed, total);
  assert.equal(result.failed, 0);
}

describe('runTests: running solutions against hidden test cases', () => {
  it('passes every case of a correct JavaScript solution and names the toolchain', async () => {
    const result = await runTests(request(pairSum, 'javascript', JS_PAIR_SUM));
    assertAllPass(result, pairSum.testCases.length);
    assert.deepEqual(result.toolchain, { name: 'node', version: process.versions.node });
    assert.equal(result.cases[0].input, '[[2,7,11,15],9]');
    assert.equal(result.cases[0].actual, '[0,1]');
  });

  it('passes every case of a correct TypeScript linked-list solution (types stripped)', async () => {
    const result = await runTests(request(reverse, 'typescript', TS_REVERSE));
    assertAllPass(result, reverse.testCases.length);
    assert.equal(result.toolchain?.name, 'typescript');
    assert.equal(result.cases[1].actual, '{"$list":[]}', 'a null head is the empty list');
  });

  it('passes every case of correct Python solutions (snake_case names, list and tree nodes)', async () => {
    for (const [spec, code] of [[pairSum, PY_PAIR_SUM], [reverse, PY_REVERSE], [mirror, PY_MIRROR]] as const) {
      const result = await runTests(request(spec, 'python', code));
      assertAllPass(result, spec.testCases.length);
      assert.equal(result.toolchain?.name, 'python');
    }
  });

  it('fails a wrong solution and reports the first failing input with the actual value', async () => {
    const wrong = 'function pairSumIndices(nums, target) { return nums[0] + nums[1] === target ? [0, 1] : [1, 2]; }';
    const result = await runTests(request(pairSum, 'javascript', wrong));
    const firstFailure = result.cases.find((c) => c.verdict !== 'pass');
    assert.ok(firstFailure);
    assert.equal(firstFailure.verdict, 'fail');
    assert.equal(firstFailure.input, '[[-4,10,-2,5],-6]');
    assert.equal(firstFailure.expected, '[0,2]');
    assert.equal(firstFailure.actual, '[1,2]');
    assert.equal(result.passed + result.failed, pairSum.testCases.length);
    assert.ok(result.failed >= 1);
  });

  it('reports syntax errors with the compiler message and line, in every language', async () => {
    const cases = [
      { language: 'javascript', code: 'function pairSumIndices(nums, target) {\n  return [0, +];\n}', pattern: /solution\.cjs:2[\s\S]*SyntaxError: Unexpected token/ },
      { language: 'typescript', code: 'function pairSumIndices(nums: number[]): number[] {\n  return [0, 1;\n}', pattern: /^solution\.ts:2:\d+ - error TS\d+: / },
      { language: 'python', code: 'def pair_sum_indices(nums, target):\n    return [0, 1\n', pattern: /SyntaxError/ },
    ] as const;
    for (const { language, code, pattern } of cases) {
      const result = await runTests({ ...request(pairSum, language, code), testCases: pairSum.testCases.slice(0, 2) });
      assert.deepEqual(result.cases.map((c) => c.verdict), ['error', 'error'], language);
      assert.match(result.cases[0].error ?? '', pattern, language);
      assert.doesNotMatch(result.cases[0].error ?? '', /mocktalk-run-/, 'no temp paths in messages');
    }
  });

  it('reports an exception with its line, a missing function, and what the code printed', async () => {
    const throwing = await runTests({ ...request(pairSum, 'javascript', 'function pairSumIndices(nums) {\n  console.log("checking", nums.length);\n  return nums.missing.field;\n}'), testCases: pairSum.testCases.slice(0, 1) });
    assert.equal(throwing.cases[0].verdict, 'error');
    assert.match(throwing.cases[0].error ?? '', /^TypeError: .*\(line 3\)$/);
    assert.equal(throwing.cases[0].output, 'checking 4\n');
    const misnamed = await runTests({ ...request(pairSum, 'python', 'def pairSumIndices(nums, target):\n    return [0, 1]\n'), testCases: pairSum.testCases.slice(0, 1) });
    assert.match(misnamed.cases[0].error ?? '', /No function named pair_sum_indices/);
  });

  it('reports a missing Python clearly and runs no case', async () => {
    const result = await runTests(request(pairSum, 'python', PY_PAIR_SUM), { pythonPath: '/nonexistent/bin/python3' });
    assert.equal(result.toolchain, null);
    assert.match(result.missing ?? '', /Python 3\.\d+\+ is needed.*\/nonexistent\/bin\/python3.*Install Python 3/s);
    assert.deepEqual(result.cases, []);
    assert.equal(result.passed + result.failed, 0);
  });

  describe('temporary files', () => {
    let tempRoot = '';
    beforeEach(async () => { tempRoot = await mkdtemp(path.join(tmpdir(), 'mocktalk-runner-test-')); });
    afterEach(async () => { await rm(tempRoot, { recursive: true, force: true }); });

    it('removes the run folder afterwards, also after a timed-out case', async () => {
      const options: RunOptions = { tempRoot };
      const hanging = 'function pairSumIndices(nums) { if (nums.length === 2) for (;;) {} return [0, 1]; }';
      const result = await runTests({ ...request(pairSum, 'javascript', hanging), testCases: pairSum.testCases.slice(0, 2), limits: { timeMsPerCase: 800 } }, options);
      assert.deepEqual(result.cases.map((c) => c.verdict), ['pass', 'timeout']);
      assert.deepEqual(await readdir(tempRoot), []);
    });

    it('rejects with the abort reason when cancelled, kills the case and cleans up', async () => {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(new Error('cancelled by the candidate')), 300);
      const hanging = 'function pairSumIndices() { for (;;) {} }';
      await assert.rejects(runTests(request(pairSum, 'javascript', hanging), { tempRoot, signal: controller.signal }), /cancelled by the candidate/);
      assert.ok(Date.now() - started < 3000, 'did not wait for the time limit');
      assert.deepEqual(await readdir(tempRoot), []);
    });
  });
});
