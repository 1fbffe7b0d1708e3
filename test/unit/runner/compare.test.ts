import assert from 'node:assert/strict';
import { applyNodeHints, canonicalJson, resultsMatch } from '../../../extension/src/runner/compare';

describe('runner result comparison', () => {
  it('gives equal values the same canonical JSON whatever the key order, folding -0 into 0', () => {
    assert.equal(canonicalJson({ b: [1, { d: 2, c: 3 }], a: -0 }), canonicalJson({ a: 0, b: [1, { c: 3, d: 2 }] }));
    assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}');
  });

  it('compares exactly: order and types matter', () => {
    assert.equal(resultsMatch([0, 1], [0, 1], 'exact'), true);
    assert.equal(resultsMatch([1, 0], [0, 1], 'exact'), false);
    assert.equal(resultsMatch(['1'], [1], 'exact'), false);
    assert.equal(resultsMatch(undefined, null, 'exact'), false);
  });

  it('ignores only the outer order for unordered results', () => {
    const expected = [['eat', 'tea'], ['bat']];
    assert.equal(resultsMatch([['bat'], ['eat', 'tea']], expected, 'unordered'), true);
    assert.equal(resultsMatch([['bat'], ['tea', 'eat']], expected, 'unordered'), false, 'inner order still counts');
    assert.equal(resultsMatch([['bat'], ['eat', 'tea'], ['bat']], expected, 'unordered'), false);
    assert.equal(resultsMatch([[1, 1], [2]], [[2], [2]], 'unordered'), false, 'multiplicity counts');
    assert.equal(resultsMatch('not an array', expected, 'unordered'), false);
  });

  it('reads a returned null as the empty list or tree only where the expected value is one', () => {
    assert.deepEqual(applyNodeHints(null, { $list: [] }), { $list: [] });
    assert.deepEqual(applyNodeHints(null, { $tree: [1] }), { $tree: [] });
    assert.deepEqual(applyNodeHints([{ $list: [1] }, null], [{ $list: [1] }, { $list: [] }]), [{ $list: [1] }, { $list: [] }]);
    assert.equal(applyNodeHints(null, [1, 2]), null);
    assert.equal(applyNodeHints(null, null), null);
  });
});
