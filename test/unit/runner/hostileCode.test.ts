// Candidate code that hangs, hogs memory, floods output, exits early or tries to fake a pass.
// Every hostile solution below returns a WRONG answer ([1, 0]) while trying to look like [0, 1].
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arraysHashingProblems } from '../../../backend/src/problems/bank/arrays-hashing';
import type { ProblemSpec } from '../../../protocol/src/domain';
import { runTests } from '../../../extension/src/runner/runTests';
import type { RunLimits, RunRequest, RunResult, Verdict } from '../../../extension/src/runner/types';

function bankProblem(slug: string): ProblemSpec {
  const found = arraysHashingProblems.find((p) => p.slug === slug);
  if (!found) throw new Error(`the bank has no ${slug}`);
  return found;
}
const pairSum = bankProblem('pair-sum-indices');
// Both cases expect [0, 1].
const twoCases = pairSum.testCases.slice(0, 2);
// A result record in the harness's format with a guessed nonce, as a string literal valid in JS and Python.
const FAKE_RECORD = JSON.stringify('BEGIN:0123456789abcdef0123456789abcdef\n{"ok":true,"value":[0,1]}\nEND:0123456789abcdef0123456789abcdef\n');

async function run(language: RunRequest['language'], code: string, limits: Partial<RunLimits> = {}): Promise<RunResult> {
  return runTests({ language, code, functionName: pairSum.functionName, testCases: twoCases, limits: { timeMsPerCase: 1000, ...limits } });
}
function verdicts(result: RunResult): Verdict[] {
  return result.cases.map((c) => c.verdict);
}

describe('runTests: hostile candidate code', () => {
  it('times out an infinite loop and still finishes the run within a bound', async () => {
    for (const [language, code] of [
      ['javascript', 'function pairSumIndices() { for (;;) {} }'],
      ['python', 'def pair_sum_indices(nums, target):\n    while True:\n        pass\n'],
    ] as const) {
      const started = Date.now();
      const result = await runTests({ language, code, functionName: pairSum.functionName, testCases: twoCases.slice(0, 1), limits: { timeMsPerCase: 1000 } });
      assert.deepEqual(verdicts(result), ['timeout'], language);
      assert.match(result.cases[0].error ?? '', /Time limit exceeded: no result within 1000 ms/);
      assert.ok(Date.now() - started < 4000, `${language} run took ${Date.now() - started} ms`);
    }
  });

  it('reports a memory blow-up as memory-limit', async () => {
    // A generous time limit: a busy machine must not turn a slow out-of-memory death into a timeout.
    const limits = { timeMsPerCase: 3000 };
    const js = await run('javascript', 'function pairSumIndices() { const hog = []; for (;;) hog.push(new Array(1e7).fill(1.5)); }', { ...limits, memoryMb: 64 });
    assert.deepEqual(verdicts(js), ['memory-limit', 'memory-limit']);
    assert.match(js.cases[0].error ?? '', /Memory limit exceeded \(64 MB\)/);
    const py = await run('python', 'def pair_sum_indices(nums, target):\n    hog = []\n    while True:\n        hog.append([0] * 10**7)\n', { ...limits, memoryMb: 96 });
    assert.deepEqual(verdicts(py), ['memory-limit', 'memory-limit']);
    const pyAtLoad = await run('python', 'table = [0] * 10**10\ndef pair_sum_indices(nums, target):\n    return [0, 1]\n', { ...limits, memoryMb: 96 });
    assert.deepEqual(verdicts(pyAtLoad), ['memory-limit', 'memory-limit'], 'a module-level allocation counts too');
  });

  it('stops huge output as output-limit, stdout and stderr alike', async () => {
    const js = await run('javascript', 'function pairSumIndices() { for (;;) console.error("spam ".repeat(50)); }', { outputBytes: 10_000 });
    assert.deepEqual(verdicts(js), ['output-limit', 'output-limit']);
    assert.match(js.cases[0].error ?? '', /more than 10000 bytes/);
    const py = await run('python', 'def pair_sum_indices(nums, target):\n    while True:\n        print("spam " * 50)\n', { outputBytes: 10_000 });
    assert.deepEqual(verdicts(py), ['output-limit', 'output-limit']);
    assert.ok((py.cases[0].output ?? '').length <= 4096, 'only the head of the output is kept');
  });

  it('treats an early process.exit(0) / sys.exit(0) / os._exit(0) as an error, not a pass', async () => {
    const attempts = [
      ['javascript', 'console.log("PASS"); process.exit(0);\nfunction pairSumIndices() { return [0, 1]; }'],
      ['javascript', 'function pairSumIndices() { console.log("All tests passed"); process.exit(0); }'],
      ['python', 'import sys\ndef pair_sum_indices(nums, target):\n    print("PASS")\n    sys.exit(0)\n'],
      ['python', 'import os\nos._exit(0)\n'],
    ] as const;
    for (const [language, code] of attempts) {
      const result = await run(language, code);
      assert.deepEqual(verdicts(result), ['error', 'error'], code);
      assert.match(result.cases[0].error ?? '', /ended before returning a result \(exit code 0\)/);
      assert.equal(result.passed, 0);
    }
  });

  it('ignores fake result records printed to stdout or written to the result channel', async () => {
    const printed = await run('javascript', `function pairSumIndices() { process.stdout.write('PASS\\n' + ${FAKE_RECORD}); return [1, 0]; }`);
    assert.deepEqual(verdicts(printed), ['fail', 'fail']);
    assert.equal(printed.cases[0].actual, '[1,0]');
    const forgedThenExit = await run('javascript', `function pairSumIndices() { require('fs').writeSync(3, ${FAKE_RECORD}); process.exit(0); }`);
    assert.deepEqual(verdicts(forgedThenExit), ['error', 'error']);
    assert.match(forgedThenExit.cases[0].error ?? '', /ended before returning a result/);
    const pyForged = await run('python', `import os\ndef pair_sum_indices(nums, target):\n    os.write(3, ${FAKE_RECORD}.encode())\n    print(${FAKE_RECORD})\n    return [1, 0]\n`);
    assert.deepEqual(verdicts(pyForged), ['fail', 'fail']);
  });

  it('cannot fake a pass by redefining JSON or console', async () => {
    const js = await run('javascript', [
      'JSON.stringify = () => \'{"ok":true,"value":[0,1]}\';',
      'JSON.parse = () => ({ ok: true, value: [0, 1] });',
      'console.log = () => {};',
      'function pairSumIndices() { return [1, 0]; }',
    ].join('\n'));
    assert.deepEqual(verdicts(js), ['fail', 'fail']);
    assert.equal(js.cases[0].actual, '[1,0]');
    const py = await run('python', 'import json\njson.dumps = lambda *a, **k: \'{"ok": true, "value": [0, 1]}\'\njson.loads = lambda *a, **k: {"ok": True, "value": [0, 1]}\ndef pair_sum_indices(nums, target):\n    return [1, 0]\n');
    assert.deepEqual(verdicts(py), ['fail', 'fail']);
  });

  it('cannot fake a pass by overwriting the harness, case or solution files', async () => {
    // Rewrites every file it can find in its folder and the run folder with a "harness" that reports a pass.
    const js = await run('javascript', `const fs = require('fs'), path = require('path');
const fake = ${JSON.stringify(`process.stdout.write(${FAKE_RECORD}); process.exit(0);`)};
let overwritten = 0;
for (const dir of ['.', ...fs.readdirSync('..').map((d) => path.join('..', d))]) {
  for (const name of ['harness.js', 'case.json', 'solution.cjs', ...(fs.statSync(dir).isDirectory() ? fs.readdirSync(dir) : [])]) {
    try { fs.writeFileSync(path.join(dir, name), fake); overwritten++; } catch {}
  }
}
console.log('overwrote', overwritten);
function pairSumIndices() { return [1, 0]; }`);
    assert.deepEqual(verdicts(js), ['fail', 'fail']);
    assert.match(js.cases[1].output ?? '', /^overwrote [1-9]/);
    const py = await run('python', `import os
overwritten = 0
for d in ['.'] + [os.path.join('..', x) for x in os.listdir('..')]:
    for name in ['harness.py', 'case.json', 'solution.py'] + (os.listdir(d) if os.path.isdir(d) else []):
        try:
            open(os.path.join(d, name), 'w').write('print(' + repr(${FAKE_RECORD}) + ')')
            overwritten += 1
        except OSError:
            pass
print('overwrote', overwritten)
def pair_sum_indices(nums, target):
    return [1, 0]
`);
    assert.deepEqual(verdicts(py), ['fail', 'fail']);
    assert.match(py.cases[1].output ?? '', /^overwrote [1-9]/);
  });

  it('kills background processes the code started', async () => {
    const result = await runTests({
      language: 'javascript',
      code: 'function pairSumIndices() { console.log(require("child_process").spawn("sleep", ["30"], { stdio: "ignore" }).pid); return [0, 1]; }',
      functionName: pairSum.functionName,
      testCases: twoCases.slice(0, 1),
      limits: { timeMsPerCase: 2000 },
    });
    assert.deepEqual(verdicts(result), ['pass']);
    const pid = Number(result.cases[0].output);
    assert.ok(pid > 0, 'the child reported its pid');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(isRunning(pid), false, `sleep ${pid} still runs`);
  });
});

function isRunning(pid: number): boolean {
  try {
    // A killed process nobody has reaped yet is a zombie ('Z'), i.e. no longer running.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
