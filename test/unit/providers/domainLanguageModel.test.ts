import assert from 'node:assert/strict';
import { buildArpa, buildDomainModel, numberWords, spokenWords } from '../../../backend/src/providers/local/domainLanguageModel';
import { PronouncingDictionary } from '../../../backend/src/providers/local/pronunciation';

const DICT = PronouncingDictionary.parse([
  'hash HH AE SH', 'map M AE P', 'num N AH M', 'two T UW', 'sum S AH M', 'the DH AH', 'the(2) DH IY',
  'is IH Z', 'o OW', 'of AH V', 'n EH N', 'we W IY', 'use Y UW Z', 'a AH', 'set S EH T', 'top T AA P',
].join('\n'));

/** Reads back an ARPA file's entries: log10 prob and back-off weight per n-gram. */
function parseArpa(arpa: string): Map<string, { p: number; bow: number }> {
  const grams = new Map<string, { p: number; bow: number }>();
  let order = 0;
  for (const line of arpa.split('\n')) {
    const section = /^\\(\d)-grams:$/.exec(line);
    if (section) { order = Number(section[1]); continue; }
    const f = line.split(' ');
    if (order === 0 || f.length < order + 1) continue;
    grams.set(f.slice(1, order + 1).join(' '), { p: Number(f[0]), bow: f.length > order + 1 ? Number(f[order + 1]) : 0 });
  }
  return grams;
}

describe('domain language model', () => {
  it('says code and math the way a candidate would', () => {
    assert.deepEqual(spokenWords('O(n log n) for twoSum with max_len and nums.length = 42'),
      ['o', 'of', 'n', 'log', 'n', 'for', 'two', 'sum', 'with', 'max', 'len', 'and', 'nums', 'length', 'forty', 'two']);
    assert.equal(numberWords('105'), 'one hundred five');
    assert.deepEqual(spokenWords('parseHTMLNode'), ['parse', 'html', 'node']);
  });

  it('pronounces words the dictionary lacks: plurals, compounds, short acronyms', () => {
    assert.deepEqual(DICT.pronounce('nums'), ['N AH M Z']);
    assert.deepEqual(DICT.pronounce('hashmap'), ['HH AE SH M AE P']);
    assert.deepEqual(DICT.pronounce('bfs'), ['B IY EH F EH S']);
    assert.deepEqual(DICT.pronounce('the'), ['DH AH', 'DH IY']);
    assert.deepEqual(DICT.pronounce('xyzzyplugh'), []);
  });

  it('writes a normalised trigram model: every history\'s probabilities sum to one', () => {
    const sentences = [['we', 'use', 'a', 'hash', 'map'], ['we', 'use', 'a', 'set'], ['the', 'map']];
    const grams = parseArpa(buildArpa(sentences));
    const vocab = [...grams.keys()].filter((g) => !g.includes(' ') && g !== '<s>');
    const p1 = (w: string) => 10 ** grams.get(w)!.p;
    const p2 = (h: string, w: string) => {
      const g = grams.get(`${h} ${w}`);
      return g ? 10 ** g.p : 10 ** grams.get(h)!.bow * p1(w);
    };
    const p3 = (h1: string, h2: string, w: string) => {
      const g = grams.get(`${h1} ${h2} ${w}`);
      return g ? 10 ** g.p : 10 ** (grams.get(`${h1} ${h2}`)?.bow ?? 0) * p2(h2, w);
    };
    const sum = (f: (w: string) => number) => vocab.reduce((s, w) => s + f(w), 0);
    assert.ok(Math.abs(sum(p1) - 1) < 1e-3);
    for (const h of ['<s>', 'we', 'a', 'map']) assert.ok(Math.abs(sum((w) => p2(h, w)) - 1) < 1e-3, `history ${h}`);
    for (const [h1, h2] of [['<s>', 'we'], ['use', 'a'], ['a', 'hash']]) {
      assert.ok(Math.abs(sum((w) => p3(h1, h2, w)) - 1) < 1e-3, `history ${h1} ${h2}`);
    }
    assert.ok(p3('use', 'a', 'hash') > p3('use', 'a', 'the'), 'seen continuations are likelier');
  });

  it('adds the session\'s phrases to the vocabulary and reports what it cannot pronounce', () => {
    const model = buildDomainModel(DICT, { corpus: ['we use a set'], phrases: ['twoSum', 'nums', 'qwxz_plugh'] });
    assert.ok(['two', 'sum', 'nums'].every((w) => model.vocabulary.includes(w)));
    assert.deepEqual(model.unpronounceable, ['plugh']);
    assert.match(model.dictionary, /^nums N AH M Z$/m);
    assert.match(model.dictionary, /^set S EH T$/m);
    assert.doesNotMatch(model.dictionary, /^the /m, 'only the model\'s words');
    assert.match(model.arpa, /^\\data\\$/m);
  });
});
