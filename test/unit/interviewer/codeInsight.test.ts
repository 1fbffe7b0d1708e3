import assert from 'node:assert/strict';
import {
  analyzeCode, chooseFocus, diffLines, linesBeyondStarter, quoteText, significantChange, type CodeInsight, type FindingKind,
} from '../../../backend/src/interviewer/local/codeInsight';
import {
  JS_HASHMAP, JS_HIDDEN_SCAN, JS_NESTED, JS_RECURSIVE, PY_HASHMAP, PY_NESTED, pairProblem,
} from './fixtures';

const kinds = (insight: CodeInsight, kind: FindingKind): number[] => insight.findings.filter((f) => f.kind === kind).map((f) => f.line);
const fresh = { hash: null, lineKeys: [], lines: 0 };

describe('code insight', () => {
  it('finds the function, loop, map and returns of a JavaScript solution on the right lines', () => {
    const insight = analyzeCode(JS_HASHMAP, 'javascript');
    assert.deepEqual(insight.functions.map((f) => [f.detail, f.line]), [['pairWithTargetSum', 1]]);
    assert.deepEqual(kinds(insight, 'map'), [2]);
    assert.deepEqual(kinds(insight, 'loop'), [3]);
    assert.deepEqual(kinds(insight, 'return'), [6, 10]);
    assert.equal(insight.maxLoopDepth, 1);
  });

  it('finds the same shape in Python, where `x in seen` on a dict is not a scan', () => {
    const insight = analyzeCode(PY_HASHMAP, 'python');
    assert.deepEqual(insight.functions.map((f) => [f.detail, f.line]), [['pair_with_target_sum', 1]]);
    assert.deepEqual(kinds(insight, 'map'), [2]);
    assert.deepEqual(kinds(insight, 'loop'), [3]);
    assert.deepEqual(kinds(insight, 'hidden-scan'), []);
    assert.deepEqual(kinds(insight, 'return'), [5, 7]);
  });

  it('measures loop nesting by braces in JavaScript and by indentation in Python', () => {
    const js = analyzeCode(JS_NESTED, 'javascript');
    assert.deepEqual(kinds(js, 'nested-loop'), [4]);
    assert.equal(js.maxLoopDepth, 2);
    const py = analyzeCode(PY_NESTED, 'python');
    assert.deepEqual(kinds(py, 'nested-loop'), [4]);
    assert.equal(py.maxLoopDepth, 2);
  });

  it('does not count sibling loops as nested', () => {
    const code = 'function f(a) {\n  for (const x of a) {\n    g(x);\n  }\n  for (const y of a) {\n    g(y);\n  }\n}\n';
    const insight = analyzeCode(code, 'javascript');
    assert.deepEqual(kinds(insight, 'loop'), [2, 5]);
    assert.equal(insight.maxLoopDepth, 1);
  });

  it('sees a brace-less inner loop and ignores braces inside strings and comments', () => {
    const code = 'function f(a) {\n  const s = "{{{"; // }}}\n  for (let i = 0; i < a.length; i++)\n    for (let j = 0; j < i; j++) g(i, j);\n  return a.indexOf(s);\n}\n';
    const insight = analyzeCode(code, 'javascript');
    assert.deepEqual(kinds(insight, 'nested-loop'), [4]);
    // Both loops end with line 4's statement, so the indexOf on line 5 is a plain return, not a hidden scan.
    assert.deepEqual(kinds(insight, 'return'), [5]);
    assert.deepEqual(kinds(insight, 'hidden-scan'), []);
  });

  it('keeps a block opened under a brace-less loop inside that loop', () => {
    const code = 'function f(a) {\n  for (const x of a)\n    if (x > 0) {\n      for (const y of a) g(x, y);\n    }\n  return 0;\n}\n';
    const insight = analyzeCode(code, 'javascript');
    assert.deepEqual(kinds(insight, 'nested-loop'), [4]);
    assert.equal(insight.maxLoopDepth, 2);
  });

  it('spots a linear scan hidden inside a loop', () => {
    assert.deepEqual(kinds(analyzeCode(JS_HIDDEN_SCAN, 'javascript'), 'hidden-scan'), [3]);
    const py = 'def f(nums, target):\n    for i, x in enumerate(nums):\n        if target - x in nums:\n            return i\n';
    assert.deepEqual(kinds(analyzeCode(py, 'python'), 'hidden-scan'), [3]);
  });

  it('spots recursion inside the function body but not a call below it', () => {
    assert.deepEqual(kinds(analyzeCode(JS_RECURSIVE, 'javascript'), 'recursion'), [5]);
    const harness = `${JS_HASHMAP}console.log(pairWithTargetSum([2, 7], 9));\n`;
    assert.deepEqual(kinds(analyzeCode(harness, 'javascript'), 'recursion'), []);
  });

  it('spots sorting, sets and arrow functions', () => {
    const code = 'const solve = (nums) => {\n  const seen = new Set();\n  nums.sort((a, b) => a - b);\n  return seen;\n};\n';
    const insight = analyzeCode(code, 'typescript');
    assert.equal(insight.functions[0].detail, 'solve');
    assert.deepEqual(kinds(insight, 'set'), [2]);
    assert.deepEqual(kinds(insight, 'sort'), [3]);
  });

  it('turns an editor error into a finding on its 1-based line', () => {
    const insight = analyzeCode(JS_HASHMAP, 'javascript', [{ line: 3, severity: 'error', message: "'need' is not defined" }]);
    const error = insight.findings.find((f) => f.kind === 'error');
    assert.equal(error?.line, 4);
    assert.equal(error?.text, 'const need = target - nums[i];');
  });

  it('hashes code so reformatting is not a change', () => {
    const reformatted = JS_HASHMAP.replace(/ {2}/g, '    ').replace(/;/g, ' ;') + '\n\n';
    assert.equal(analyzeCode(reformatted, 'javascript').hash, analyzeCode(JS_HASHMAP, 'javascript').hash);
    assert.notEqual(analyzeCode(JS_NESTED, 'javascript').hash, analyzeCode(JS_HASHMAP, 'javascript').hash);
  });

  it('diffs line fingerprints as multisets', () => {
    assert.deepEqual(diffLines(['a', 'b', 'b'], ['b', 'c']), { added: ['c'], removed: 2 });
  });

  it('counts only lines written beyond the starter code', () => {
    const starter = pairProblem.starterCode.javascript;
    assert.equal(linesBeyondStarter(analyzeCode(starter, 'javascript'), starter, 'javascript'), 0);
    assert.equal(linesBeyondStarter(analyzeCode(JS_HASHMAP, 'javascript'), starter, 'javascript'), 6);
  });

  it('calls a change significant only when enough lines moved', () => {
    const starter = pairProblem.starterCode.javascript;
    const oneLine = starter.replace('// TODO: your code here', 'const seen = new Map();');
    assert.equal(significantChange(analyzeCode(oneLine, 'javascript'), fresh, starter, 'javascript'), null);
    const first = significantChange(analyzeCode(JS_HASHMAP, 'javascript'), fresh, starter, 'javascript');
    assert.ok(first?.first);
    const seen = analyzeCode(JS_HASHMAP, 'javascript');
    const baseline = { hash: seen.hash, lineKeys: seen.lineKeys, lines: seen.lineKeys.length };
    const tweak = JS_HASHMAP.replace('const need', 'let need');
    assert.equal(significantChange(analyzeCode(tweak, 'javascript'), baseline, starter, 'javascript'), null);
    assert.ok(significantChange(analyzeCode(JS_NESTED, 'javascript'), baseline, starter, 'javascript'));
  });

  it('focuses on the most telling new line and never one already quoted', () => {
    const insight = analyzeCode(JS_NESTED, 'javascript');
    const all = new Set(insight.lineKeys);
    const first = chooseFocus(insight, all, []);
    assert.equal(first?.kind, 'nested-loop');
    const second = chooseFocus(insight, all, [first?.key ?? '']);
    assert.notEqual(second?.key, first?.key);
  });

  it('quotes signatures without their brace and cuts long lines', () => {
    const insight = analyzeCode(JS_HASHMAP, 'javascript');
    assert.deepEqual(quoteText(insight.functions[0]), { code: 'function pairWithTargetSum(nums, target)', cut: false });
    const long = analyzeCode(`function f() {\n  return ${'x + '.repeat(30)}1;\n}\n`, 'javascript').findings[0];
    assert.ok(quoteText(long).cut && quoteText(long).code.length <= 72);
  });
});
