import assert from 'node:assert/strict';
import { compareComplexity, formatOrder, parseBigO } from '../../../backend/src/analysis/complexity';

describe('big-O parsing and comparison', () => {
  it('reads the spellings candidates and problem specs use', () => {
    const read = (text: string) => {
      const order = parseBigO(text);
      return order && formatOrder(order);
    };
    assert.equal(read('O(n log n)'), 'O(n log n)');
    assert.equal(read('O(nlogn)'), 'O(n log n)');
    assert.equal(read('O(N^2)'), 'O(n^2)');
    assert.equal(read('O(n²)'), 'O(n^2)');
    assert.equal(read('O(m * n)'), 'O(n^2)');
    assert.equal(read('O(V + E)'), 'O(n)');
    assert.equal(read('O(log(n))'), 'O(log n)');
    assert.equal(read('O(2^n)'), 'O(2^n)');
    assert.equal(read('O(n!)'), 'O(2^n)');
    assert.equal(read('O(1)'), 'O(1)');
    assert.equal(read('linear'), 'O(n)');
    assert.equal(compareComplexity('O(√n)', 'O(n)'), 'better');
    assert.equal(compareComplexity('O(sqrt(n))', 'O(log n)'), 'worse');
  });

  it('refuses to guess at what it cannot read', () => {
    assert.equal(parseBigO('pretty fast'), null);
    assert.equal(parseBigO('O(fast)'), null);
    assert.equal(parseBigO(''), null);
  });

  it('compares an estimate with a target', () => {
    assert.equal(compareComplexity('O(n^2)', 'O(n)'), 'worse');
    assert.equal(compareComplexity({ bigO: 'O(n)', because: '' }, 'O(n + m)'), 'same');
    assert.equal(compareComplexity('O(log n)', 'O(n)'), 'better');
    assert.equal(compareComplexity('O(n log n)', 'O(n^2)'), 'better');
    assert.equal(compareComplexity('O(2^n)', 'O(n^3)'), 'worse');
    assert.equal(compareComplexity('O(n)', 'as fast as possible'), 'unknown');
  });
});
