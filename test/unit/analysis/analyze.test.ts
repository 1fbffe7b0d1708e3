import assert from 'node:assert/strict';
import {
  analyzeCode, compareComplexity, initCodeAnalysis, type CodeAnalysis, type ParsedAnalysis,
} from '../../../backend/src/analysis/analyze';
import { JS, PY, TS } from './fixtures';

function parsed(language: string, text: string): ParsedAnalysis {
  const analysis: CodeAnalysis = analyzeCode(language, text);
  assert.ok(analysis.supported, `expected ${language} to parse: ${analysis.supported ? '' : analysis.reason}`);
  assert.deepEqual(analysis.syntaxErrorLines, [], 'fixture should parse cleanly');
  return analysis;
}
const loopsOf = (a: ParsedAnalysis) => a.loops.map((l) => ({ line: l.line, depth: l.depth, iterates: l.iterates }));
const structuresOf = (a: ParsedAnalysis) => a.structures.map((s) => `${s.kind} ${s.name}@${s.line}`);

describe('code analysis', () => {
  before(async () => {
    await initCodeAnalysis();
  });

  describe('two-sum', () => {
    it('reads brute force as O(n^2): two nested loops over nums, on the lines they are written', () => {
      const cases = [['javascript', JS.twoSumBrute, 3], ['typescript', TS.twoSumBrute, 2], ['python', PY.twoSumBrute, 3]] as const;
      for (const [language, code, outer] of cases) {
        const a = parsed(language, code);
        assert.equal(a.time.bigO, 'O(n^2)', language);
        assert.deepEqual(loopsOf(a), [
          { line: outer, depth: 1, iterates: 'nums' }, { line: outer + 1, depth: 2, iterates: 'nums' },
        ], language);
        assert.equal(a.maxLoopDepth, 2);
        assert.match(a.time.because, new RegExp(`lines ${outer}, ${outer + 1}`));
        assert.equal(a.space.bigO, 'O(1)');
      }
    });

    it('reads the hash-map version as one O(n) pass that spends O(n) space on a Map, object or dict', () => {
      const cases = [['javascript', JS.twoSumMap, 'map seen@2'], ['typescript', TS.twoSumObject, 'object-map seen@2'], ['python', PY.twoSumDict, 'map seen@2']] as const;
      for (const [language, code, structure] of cases) {
        const a = parsed(language, code);
        assert.equal(a.time.bigO, 'O(n)', language);
        assert.deepEqual(structuresOf(a), [structure], language);
        assert.equal(a.space.bigO, 'O(n)', language);
        assert.match(a.space.because, /seen \(line 2\)/);
        assert.deepEqual(a.scans, [], `${language}: a hash lookup is not a scan`);
      }
    });

    it('holds each estimate against the problem target', () => {
      assert.equal(compareComplexity(parsed('javascript', JS.twoSumBrute).time, 'O(n)'), 'worse');
      assert.equal(compareComplexity(parsed('python', PY.twoSumDict).time, 'O(n)'), 'same');
      assert.equal(compareComplexity(parsed('typescript', TS.binarySearch).time, 'O(n)'), 'better');
    });
  });

  it('reads binary search as O(log n): the loop halves its range', () => {
    for (const [language, code, line] of [['javascript', JS.binarySearch, 3], ['typescript', TS.binarySearch, 4], ['python', PY.binarySearch, 5]] as const) {
      const a = parsed(language, code);
      assert.equal(a.time.bigO, 'O(log n)', language);
      assert.deepEqual(a.loops.map((l) => [l.line, l.bound]), [[line, 'halving']], language);
      assert.equal(a.space.bigO, 'O(1)', language);
    }
  });

  it('reads sort-then-scan as O(n log n), the sort outweighing the pass', () => {
    const js = parsed('javascript', JS.sortThenScan);
    assert.equal(js.time.bigO, 'O(n log n)');
    assert.deepEqual(js.sorts.map((s) => s.line), [3]);
    assert.match(js.time.because, /line 3.*outweighs a pass over sorted \(line 4\)/);
    const py = parsed('python', PY.sortThenScan);
    assert.equal(py.time.bigO, 'O(n log n)');
    assert.deepEqual(py.sorts.map((s) => s.line), [4]);
    // `intervals[1:]` is evaluated once, before the loop: a copy, not a scan per pass
    assert.deepEqual(py.loops.map((l) => [l.line, l.iterates]), [[6, 'intervals']]);
  });

  describe('recursion', () => {
    it('reads naive fibonacci as O(2^n): two self-calls and no cache', () => {
      for (const [language, code, line] of [['javascript', JS.fib, 3], ['python', PY.fib, 4]] as const) {
        const a = parsed(language, code);
        assert.equal(a.time.bigO, 'O(2^n)', language);
        assert.deepEqual(a.recursion, [{ function: 'fib', calls: [line, line], shape: 'branching' }], language);
        assert.equal(a.space.bigO, 'O(n)', 'the call stack is n deep');
      }
    });

    it('reads memoized fibonacci as O(n), whether the cache is a Map, a dict or @lru_cache', () => {
      for (const [language, code] of [['javascript', JS.fibMemo], ['python', PY.fibMemoDict], ['python', PY.fibCached]] as const) {
        const a = parsed(language, code);
        assert.equal(a.time.bigO, 'O(n)', language);
        assert.equal(a.recursion[0]?.shape, 'memoized', language);
      }
      assert.deepEqual(structuresOf(parsed('javascript', JS.fibMemo)), ['map memo@1']);
    });

    it('reads merge sort as divide and conquer, O(n log n)', () => {
      const a = parsed('typescript', TS.mergeSort);
      assert.deepEqual(a.recursion, [{ function: 'mergeSort', calls: [4, 5], shape: 'divide-and-conquer' }]);
      assert.equal(a.time.bigO, 'O(n log n)');
    });

    it('reads a grid flood fill as a traversal: each cell once, not 4^n', () => {
      const a = parsed('python', PY.islands);
      assert.deepEqual(a.recursion, [{ function: 'dfs', calls: [10, 11, 12, 13], shape: 'traversal' }]);
      assert.equal(a.time.bigO, 'O(n^2)', 'rows × cols');
      assert.deepEqual(a.functions.map((f) => [f.name, f.startLine, f.endLine]), [['num_islands', 1, 21], ['dfs', 6, 13]]);
    });
  });

  describe('data structures', () => {
    it('finds a BFS queue and visited set, and counts neighbour loops once overall (O(V + E))', () => {
      const ts = parsed('typescript', TS.bfs);
      assert.deepEqual(structuresOf(ts), ['queue queue@2', 'set visited@3']);
      assert.deepEqual(ts.loops.map((l) => [l.line, l.bound]), [[4, 'input'], [7, 'amortized']]);
      assert.equal(ts.time.bigO, 'O(n)');
      const py = parsed('python', PY.bfs);
      assert.deepEqual(structuresOf(py), ['deque queue@4', 'set visited@5']);
      assert.equal(py.time.bigO, 'O(n)');
    });

    it('finds heaps (heapq, or a MinHeap class) and charges log n per push inside the loop', () => {
      const py = parsed('python', PY.heap);
      assert.deepEqual(structuresOf(py), ['heap heap@4']);
      assert.equal(py.time.bigO, 'O(n log n)');
      const ts = parsed('typescript', TS.heap);
      assert.ok(structuresOf(ts).includes('heap heap@36'), structuresOf(ts).join());
      assert.equal(ts.time.bigO, 'O(n log n)');
      assert.match(ts.time.because, /heap\.push\(x\)` \(line 38\)/);
    });

    it('finds a list used as a stack through append and pop', () => {
      assert.deepEqual(structuresOf(parsed('python', PY.stack)), ['map pairs@2', 'stack stack@3']);
    });
  });

  describe('hidden costs', () => {
    it('counts `includes` inside a loop as a nested scan: O(n^2)', () => {
      const a = parsed('javascript', JS.hiddenScan);
      assert.equal(a.time.bigO, 'O(n^2)');
      assert.deepEqual(a.scans.map((s) => [s.line, s.text]), [[4, 'b.includes(x)'], [4, 'out.includes(x)']]);
    });

    it('counts `x in list` as a scan but `x in dict` as a lookup', () => {
      assert.equal(parsed('python', PY.hiddenScan).time.bigO, 'O(n^2)');
      assert.equal(parsed('python', PY.twoSumDict).time.bigO, 'O(n)');
    });

    it('does not count a sliding window as nested: the left pointer only moves forward', () => {
      const a = parsed('javascript', JS.slidingWindow);
      assert.equal(a.maxLoopDepth, 2);
      assert.deepEqual(a.loops.map((l) => l.bound), ['input', 'amortized']);
      assert.equal(a.time.bigO, 'O(n)');
    });
  });

  describe('early returns and edge cases', () => {
    it('finds early returns, telling those inside a loop apart', () => {
      assert.deepEqual(parsed('javascript', JS.twoSumBrute).earlyReturns, [
        { line: 2, function: 'twoSum', inLoop: false }, { line: 5, function: 'twoSum', inLoop: true },
      ]);
      // the final `return []` is not early
      assert.deepEqual(parsed('python', PY.twoSumDict).earlyReturns.map((r) => r.line), [5]);
      const lastInBlock = 'function f(a) {\n  if (a) {\n    return 1;\n  }\n  // done\n}\nconst g = (x) => { return x; };\n';
      assert.deepEqual(parsed('javascript', lastInBlock).earlyReturns.map((r) => r.line), [3], 'a return nested in an if is early');
      assert.deepEqual(parsed('python', 'def f(x): return x\n').earlyReturns, [], 'a one-line function just returns');
    });

    it('finds empty-input, single-element and duplicate guards on the inputs', () => {
      assert.deepEqual(parsed('javascript', JS.twoSumBrute).edgeCases, [{ kind: 'empty-input', line: 2, text: '!nums.length' }]);
      assert.deepEqual(parsed('python', PY.binarySearch).edgeCases, [{ kind: 'empty-input', line: 2, text: 'not nums' }]);
      assert.deepEqual(parsed('javascript', JS.sortThenScan).edgeCases.map((g) => [g.kind, g.line]), [['single-element', 2], ['duplicates', 5]]);
      assert.deepEqual(parsed('python', PY.sortThenScan).edgeCases.map((g) => [g.kind, g.line]), [['single-element', 2]]);
    });

    it('does not mistake a defaulted cache or a lookup for an input guard', () => {
      assert.deepEqual(parsed('python', PY.fibMemoDict).edgeCases, [], '`if memo is None` sets up a default');
      assert.deepEqual(parsed('javascript', JS.twoSumMap).edgeCases, [], '`if (seen.has(need))` is the algorithm');
    });
  });

  it('names functions and their parameters: arrow functions, class methods, Python without self', () => {
    assert.deepEqual(parsed('typescript', TS.binarySearch).functions, [{ name: 'search', params: ['nums', 'target'], startLine: 1, endLine: 11 }]);
    assert.deepEqual(parsed('typescript', TS.heap).functions.map((f) => f.name), ['size', 'peek', 'push', 'pop', 'siftDown', 'findKthLargest']);
    const method = 'class Solution:\n    def twoSum(self, nums: list[int], target: int) -> list[int]:\n        return []\n';
    assert.deepEqual(parsed('python', method).functions, [{ name: 'twoSum', params: ['nums', 'target'], startLine: 2, endLine: 3 }]);
  });
});
