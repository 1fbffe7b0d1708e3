import assert from 'node:assert/strict';
import { analyzeCode, CodeParser, initCodeAnalysis, type CodeAnalysis, type ParsedAnalysis } from '../../../backend/src/analysis/analyze';
import { parseTree } from '../../../backend/src/analysis/parser';
import { GO_SUM, JAVA_TWO_SUM, JS, PY } from './fixtures';

const supported = (a: CodeAnalysis): ParsedAnalysis => {
  assert.ok(a.supported, a.supported ? '' : a.reason);
  return a;
};
// The hash-map two-sum, cut off mid-line while the candidate is typing the lookup
const MID_EDIT = JS.twoSumMap.replace('if (seen.has(need)) return [seen.get(need), i];', 'if (seen.has(need');

describe('analysis per interview session', () => {
  let parser: CodeParser;
  before(async () => {
    await initCodeAnalysis();
  });
  beforeEach(() => {
    parser = new CodeParser();
  });
  afterEach(() => parser.dispose());

  it('answers a half-typed buffer with the last good analysis, marked stale, and where the errors are', () => {
    const session = { parser, key: 'interview-1' };
    const good = supported(analyzeCode('javascript', JS.twoSumMap, session));
    assert.equal(good.stale, false);
    const midEdit = supported(analyzeCode('javascript', MID_EDIT, session));
    assert.equal(midEdit.stale, true);
    assert.ok(midEdit.syntaxErrorLines.length > 0, 'the current buffer errors are reported');
    assert.deepEqual(midEdit.structures, good.structures, 'the Map from the good version is still known');
    assert.equal(midEdit.time.bigO, 'O(n)');
    const fixed = supported(analyzeCode('javascript', JS.twoSumBrute, session));
    assert.equal(fixed.stale, false);
    assert.equal(fixed.time.bigO, 'O(n^2)');
  });

  it('without an earlier good version, analyses what tree-sitter recovered and says where it broke', () => {
    const a = supported(analyzeCode('javascript', MID_EDIT, { parser, key: 'fresh' }));
    assert.equal(a.stale, false);
    assert.ok(a.syntaxErrorLines.length > 0);
    assert.equal(a.functions[0]?.name, 'twoSum');
  });

  it('keeps sessions apart, and never serves one language as another', () => {
    analyzeCode('javascript', JS.twoSumMap, { parser, key: 'a' });
    assert.equal(supported(analyzeCode('javascript', MID_EDIT, { parser, key: 'b' })).stale, false);
    const python = supported(analyzeCode('python', 'def f(nums):\n    for x in nums\n', { parser, key: 'a' }));
    assert.equal(python.stale, false, 'a JavaScript tree is no fallback for Python');
    assert.equal(python.language, 'python');
  });

  it('forgets a session: its next broken buffer has nothing to fall back on', () => {
    analyzeCode('javascript', JS.twoSumMap, { parser, key: 'gone' });
    parser.forget('gone');
    assert.equal(supported(analyzeCode('javascript', MID_EDIT, { parser, key: 'gone' })).stale, false);
  });

  it('analyses every prefix of a solution as it is typed, never falling back to line signals', () => {
    for (const [language, code] of [['javascript', JS.twoSumMap], ['python', PY.bfs]] as const) {
      for (let cut = 0; cut <= code.length; cut += 3) {
        const a = analyzeCode(language, code.slice(0, cut), { parser, key: 'typing' });
        assert.ok(a.supported, `${language} cut at ${cut}: ${a.supported ? '' : a.reason}`);
      }
    }
  });

  it('reparses an edited buffer incrementally to the same tree as a fresh parse, non-ASCII text included', () => {
    const versions = [
      'const s = "héllo 😀";\nfunction f(x) {\n  return g(x);\n}\n',
      'const s = "héllo 😀 ünï";\nfunction f(x, y) {\n  for (const a of x) h(a);\n  return g(x);\n}\n// 😀\n',
      PY.twoSumDict,
    ];
    for (const [i, text] of versions.entries()) {
      const language = i < 2 ? 'javascript' : 'python';
      const incremental = parser.parse(language, text, 'edits');
      const fresh = parseTree(language, text);
      assert.ok(incremental && fresh);
      const shape = (t: typeof fresh) => t.rootNode.descendantsOfType('identifier').map((n) => [n.startIndex, n.startPosition, n.endPosition]);
      assert.equal(incremental.tree.rootNode.toString(), fresh.rootNode.toString());
      assert.deepEqual(shape(incremental.tree), shape(fresh));
      fresh.delete();
    }
  });
});

describe('analysis of languages without a grammar', () => {
  it('falls back to line-based signals for Java: functions, loops and nesting by indentation', () => {
    const a = analyzeCode('java', JAVA_TWO_SUM);
    assert.equal(a.supported, false);
    assert.ok(!a.supported && /java/.test(a.reason));
    assert.deepEqual(a.functions, [{ name: 'twoSum', line: 2 }]);
    assert.deepEqual(a.loops, [{ keyword: 'for', line: 3, depth: 1 }, { keyword: 'for', line: 4, depth: 2 }]);
    assert.equal(a.maxLoopDepth, 2);
  });

  it('reads Go functions and loops the same way', () => {
    const a = analyzeCode('go', GO_SUM);
    assert.deepEqual([a.supported, a.functions, a.loops], [false, [{ name: 'sum', line: 3 }], [{ keyword: 'for', line: 5, depth: 1 }]]);
  });

  it('never throws, whatever it is given', () => {
    for (const [language, text] of [['cpp', '}}}{{{ for ('], ['', ''], ['javascript', '\u0000\uffff'], ['python', ')))'], ['typescript', 'x'.repeat(1_000_001)]]) {
      assert.doesNotThrow(() => analyzeCode(language, text), language);
    }
    assert.equal(analyzeCode('typescript', 'let x = 1;\n'.repeat(100_001)).supported, false, 'an oversized buffer is not parsed');
  });
});
