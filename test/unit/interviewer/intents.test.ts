import assert from 'node:assert/strict';
import {
  classify, complexityRank, findComplexity, readAnswer, type ClarifyTopic,
} from '../../../backend/src/interviewer/local/intents';

const PARAPHRASES: Record<ClarifyTopic, string[]> = {
  size: ['How big can the array get?', "What's the maximum length of nums?", 'What range are the values in?', 'Are there any limits on the input size?'],
  empty: ['Can the array be empty?', 'What if there are no elements?', 'Could nums have zero length?'],
  negative: ['Can there be negative numbers?', 'Are values ever below zero?', 'Could target be negative?'],
  duplicates: ['Could there be duplicates?', 'Can the same number appear twice?', 'Are the values distinct?', 'Can values repeat?'],
  sorted: ['Is the input sorted?', 'Is the array in increasing order?', 'Can I assume it comes in ascending order?'],
  example: ['Can you give me an example?', 'Could you show me a sample input?', 'What would an example look like?'],
  output: ['What should I return?', "What's the output format?", 'Which order should the indices be in?'],
};

describe('candidate intents', () => {
  for (const [topic, questions] of Object.entries(PARAPHRASES)) {
    it(`reads ${questions.length} paraphrases as a clarifying question about ${topic}`, () => {
      for (const q of questions) {
        const intent = classify(q);
        assert.equal(intent.kind, 'clarify', q);
        assert.ok(intent.kind === 'clarify' && intent.topics.includes(topic as ClarifyTopic), `${q} → ${JSON.stringify(intent)}`);
      }
    });
  }

  it('does not treat a statement about size as a question', () => {
    assert.deepEqual(readAnswer('The array is big, I will keep that in mind.').topics, []);
  });

  it('reads hint requests phrased in different ways', () => {
    for (const text of ["Can I get a hint?", "I'm stuck.", "I'm not sure how to avoid the second loop", 'Could you help me out here?', 'help']) {
      assert.equal(classify(text).kind, 'hint-request', text);
    }
  });

  it('does not read "that helps" as a hint request', () => {
    assert.notEqual(classify('Thanks, that helps a lot.').kind, 'hint-request');
  });

  it('reads approach descriptions with their technique', () => {
    const cases: Array<[string, string]> = [
      ["I'd use a hash map from value to index", 'hash map'],
      ['First I would sort the array', 'sorting'],
      ['We could walk two pointers inwards from both ends', 'two pointers'],
      ['The brute force is to check every pair', 'brute force'],
      ['Maybe a dictionary of seen values?', 'hash map'],
    ];
    for (const [text, technique] of cases) {
      const intent = classify(text);
      assert.equal(intent.kind, 'approach', text);
      assert.ok(intent.kind === 'approach' && intent.techniques.includes(technique), `${text} → ${JSON.stringify(intent)}`);
    }
  });

  it('does not mistake "is it sorted?" for a plan to sort', () => {
    assert.deepEqual(readAnswer('Is it sorted?').techniques, []);
  });

  it('hears complexity written, spoken and in words', () => {
    const cases: Array<[string, string]> = [
      ['That would be O(n) time', 'O(n)'],
      ['It runs in O(N log N)', 'O(n log n)'],
      ['o(n^2) for the brute force', 'O(n^2)'],
      ["it's linear", 'O(n)'],
      ['quadratic, sadly', 'O(n^2)'],
      ['n log n because of the sort', 'O(n log n)'],
      ['big O of n', 'O(n)'],
      ['constant space', 'O(1)'],
    ];
    for (const [text, expected] of cases) assert.equal(findComplexity(text), expected, text);
    assert.equal(findComplexity('I would loop over it'), null);
  });

  it('ranks complexities so the interviewer can compare with the target', () => {
    assert.ok((complexityRank('O(n)') ?? 99) < (complexityRank('O(n^2)') ?? -1));
    assert.ok((complexityRank('O(log n)') ?? 99) < (complexityRank('O(n log n)') ?? -1));
    assert.equal(complexityRank('O(n * k log k)'), null);
  });

  it('reads readiness to code', () => {
    for (const text of ['Let me start coding.', "Okay, I'll code it up", 'Can I start writing the code?', "I'm going to implement it now"]) {
      assert.equal(classify(text).kind, 'ready-to-code', text);
    }
  });

  it('reads being done', () => {
    for (const text of ["I think I'm done.", 'Done!', "Okay, that's it.", 'I think it works now', "I've finished"]) {
      assert.equal(classify(text).kind, 'done', text);
    }
  });

  it('reads test talk and edge cases', () => {
    for (const text of ['Let me walk through the first example', 'Can we test it?', 'I would trace it with [3, 3]']) {
      assert.equal(classify(text).kind, 'test-talk', text);
    }
    assert.ok(readAnswer('what about an empty array').edgeCase);
    assert.ok(readAnswer('Can we test it?').wantsToTest);
  });

  it('falls back to other, remembering whether it was a question', () => {
    assert.deepEqual(classify('Okay, got it.'), { kind: 'other', question: false });
    assert.deepEqual(classify('Does the function name matter?'), { kind: 'other', question: true });
  });
});
