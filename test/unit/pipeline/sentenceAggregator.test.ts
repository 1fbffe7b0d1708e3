import assert from 'node:assert/strict';
import { aggregateSentences, SentenceAggregator } from '../../../backend/src/pipeline/sentenceAggregator';
import { collect } from './fixtures/signals';

/** Feeds `text` in deltas of `size` characters, as a streaming LLM would; returns every sentence. */
function sentences(text: string, size = 3): string[] {
  const a = new SentenceAggregator();
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...a.push(text.slice(i, i + size)));
  const rest = a.flush();
  if (rest !== null) out.push(rest);
  return out;
}

describe('SentenceAggregator', () => {
  it('emits the first sentence as soon as the next one begins, before the reply is finished', () => {
    const a = new SentenceAggregator();
    assert.deepEqual(a.push('Good. Now tell me'), ['Good.']);
    assert.deepEqual(a.push(' about the'), []);
    assert.deepEqual(a.push(' complexity? And space'), ['Now tell me about the complexity?']);
    assert.equal(a.flush(), 'And space');
  });

  it('waits for the character after a period before deciding', () => {
    const a = new SentenceAggregator();
    assert.deepEqual(a.push('Use nums.'), []);
    assert.deepEqual(a.push('length here. '), []);
    assert.deepEqual(a.push('Then'), ['Use nums.length here.']);
  });

  const cases: [string, string[]][] = [
    ['Think of a lookup, e.g. a hash map. That gives O(1) access.', ['Think of a lookup, e.g. a hash map.', 'That gives O(1) access.']],
    ['Sorting costs O(n log n). The scan is O(n). Overall O(n log n).', ['Sorting costs O(n log n).', 'The scan is O(n).', 'Overall O(n log n).']],
    ['Call Math.max or arr.sort() first. Then return result.length.', ['Call Math.max or arr.sort() first.', 'Then return result.length.']],
    ['Pi is about 3.14 here. A ratio of 0.5 works.', ['Pi is about 3.14 here.', 'A ratio of 0.5 works.']],
    ['Compare i.e. the first and last. Good.', ['Compare i.e. the first and last.', 'Good.']],
    ['There are 2 steps. 1. Sort the array. 2. Scan it.', ['There are 2 steps.', '1. Sort the array.', '2. Scan it.']],
    ['Nice! What about duplicates? Hmm... Okay.', ['Nice!', 'What about duplicates?', 'Hmm...', 'Okay.']],
    ['He said "done." Then left.', ['He said "done."', 'Then left.']],
    ['First line\nSecond line', ['First line', 'Second line']],
    ['Walk me through `i.next`. Why that?', ['Walk me through `i.next`.', 'Why that?']],
  ];
  for (const [text, expected] of cases) {
    it(`splits ${JSON.stringify(text)}`, () => {
      assert.deepEqual(sentences(text), expected);
      assert.deepEqual(sentences(text, 1), expected, 'one character at a time');
    });
  }

  it('breaks an overlong sentence at a comma, so speech can start', () => {
    const long = `${'we keep going, '.repeat(20)}until the end.`;
    const out = sentences(long, 5);
    assert.ok(out.length > 1);
    assert.ok(out[0].length <= 200 && out[0].endsWith(','));
    assert.equal(out.join(' ').replace(/\s+/g, ' '), long.trim().replace(/\s+/g, ' '));
  });

  it('works as a stage over an async iterable of deltas', async () => {
    async function* deltas() { yield 'One. '; yield 'Two'; yield '.'; }
    assert.deepEqual(await collect(aggregateSentences(deltas())), ['One.', 'Two.']);
  });
});
