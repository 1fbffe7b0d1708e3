import assert from 'node:assert/strict';
import { ProblemSpec, TOPICS, type TestCase } from '../../../protocol/src/domain';
import { problemBank, problemsByTopic, snakeCase } from '../../../backend/src/problems/bank';
import {
  buildList, buildTree, decodeTagged, encodeTagged, listToArray, referenceSolutions, runCase, treeToArray,
  type Solution,
} from './referenceSolutions';

/** Indices of the cases a solution fails. */
function failingCases(solution: Solution, cases: readonly TestCase[]): number[] {
  return cases.flatMap((tc, i) => (runCase(solution, tc).pass ? [] : [i]));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('problem bank', () => {
  describe('shape', () => {
    it('has at least 32 problems', () => {
      assert.ok(problemBank.length >= 32, `only ${problemBank.length} problems`);
    });

    it('every problem validates against the ProblemSpec schema unchanged', () => {
      for (const problem of problemBank) {
        assert.doesNotThrow(() => ProblemSpec.parse(problem), `${problem.slug} does not parse`);
        assert.deepEqual(ProblemSpec.parse(problem), problem, `${problem.slug} has keys outside the schema`);
      }
    });

    it('slugs, titles and function names are unique', () => {
      for (const field of ['slug', 'title', 'functionName'] as const) {
        const duplicates = [...countBy(problemBank, (p) => p[field])].filter(([, n]) => n > 1).map(([v]) => v);
        assert.deepEqual(duplicates, [], `duplicate ${field}s`);
      }
    });

    it('every topic has at least 2 problems, each listing its topic first', () => {
      for (const topic of TOPICS) {
        const problems = problemsByTopic[topic];
        assert.ok(problems.length >= 2, `${topic} has ${problems.length} problems`);
        for (const p of problems) assert.equal(p.topics[0], topic, `${p.slug} is filed under ${topic}`);
      }
      const topicsCovered = new Set(problemBank.flatMap((p) => p.topics));
      assert.deepEqual([...TOPICS].filter((t) => !topicsCovered.has(t)), []);
    });

    it('has at least 10 easy, 12 medium and 6 hard problems', () => {
      const counts = countBy(problemBank, (p) => p.difficulty);
      assert.ok((counts.get('easy') ?? 0) >= 10, `easy: ${counts.get('easy')}`);
      assert.ok((counts.get('medium') ?? 0) >= 12, `medium: ${counts.get('medium')}`);
      assert.ok((counts.get('hard') ?? 0) >= 6, `hard: ${counts.get('hard')}`);
    });

    it('every problem follows the authoring guidelines', () => {
      for (const p of problemBank) {
        const paragraphs = p.statement.split(/\n\s*\n/).filter((s) => s.trim() !== '');
        assert.ok(paragraphs.length >= 2 && paragraphs.length <= 6, `${p.slug}: ${paragraphs.length} paragraphs`);
        assert.match(p.statement, /\*\*Input:\*\*/, `${p.slug}: statement describes the input`);
        assert.match(p.statement, /\*\*Output:\*\*/, `${p.slug}: statement describes the output`);
        assert.match(p.functionName, /^[a-z][a-zA-Z0-9]*$/, `${p.slug}: functionName is camelCase`);
        assert.equal(new Set(p.topics).size, p.topics.length, `${p.slug}: duplicate topics`);
        assert.ok(p.constraints.length >= 2 && p.constraints.length <= 5, `${p.slug}: ${p.constraints.length} constraints`);
        assert.ok(p.examples.length >= 1 && p.examples.length <= 3, `${p.slug}: ${p.examples.length} examples`);
        assert.equal(p.hints.length, 3, `${p.slug}: hints`);
        assert.ok(p.testCases.length >= 6 && p.testCases.length <= 12, `${p.slug}: ${p.testCases.length} test cases`);
        assert.match(p.targetTime, /^O\(/, `${p.slug}: targetTime`);
        assert.match(p.targetSpace, /^O\(/, `${p.slug}: targetSpace`);
      }
    });

    it('test cases are JSON values (they survive a JSON round trip)', () => {
      for (const p of problemBank) {
        for (const tc of p.testCases) assert.deepEqual(JSON.parse(JSON.stringify(tc)), tc, `${p.slug}: ${JSON.stringify(tc)}`);
      }
    });

    it('unordered cases expect an array', () => {
      for (const p of problemBank) {
        for (const tc of p.testCases) {
          if (tc.compare === 'unordered') assert.ok(Array.isArray(tc.expected), `${p.slug}: ${JSON.stringify(tc)}`);
        }
      }
    });
  });

  describe('starter code', () => {
    it('snakeCase converts camelCase names for Python', () => {
      assert.equal(snakeCase('pairSumIndices'), 'pair_sum_indices');
      assert.equal(snakeCase('topKFrequent'), 'top_k_frequent');
      assert.equal(snakeCase('isValidBST'), 'is_valid_bst');
      assert.equal(snakeCase('parseHTML5Tag'), 'parse_html5_tag');
      assert.equal(snakeCase('reverse'), 'reverse');
    });

    it('each language declares the function (python: snake_case) with a TODO body', () => {
      for (const p of problemBank) {
        const { javascript, typescript, python } = p.starterCode;
        assert.ok(javascript.includes(`function ${p.functionName}(`), `${p.slug}: javascript`);
        assert.ok(typescript.includes(`function ${p.functionName}(`), `${p.slug}: typescript`);
        assert.ok(python.includes(`def ${snakeCase(p.functionName)}(`), `${p.slug}: python`);
        for (const code of [javascript, typescript, python]) {
          assert.match(code, /TODO/, `${p.slug}: TODO marker`);
          assert.match(code, /return\b/, `${p.slug}: placeholder return`);
        }
      }
    });

    it('starter code parameters match the test-case arity', () => {
      for (const p of problemBank) {
        const params = /function \w+\(([^)]*)\)/.exec(p.starterCode.javascript)?.[1] ?? '';
        const arity = params.trim() === '' ? 0 : params.split(',').length;
        for (const tc of p.testCases) assert.equal(tc.args.length, arity, `${p.slug}: ${JSON.stringify(tc.args)}`);
      }
    });
  });

  describe('reference solutions', () => {
    it('exist for every problem and nothing else', () => {
      assert.deepEqual(Object.keys(referenceSolutions).sort(), problemBank.map((p) => p.slug).sort());
    });

    for (const problem of problemBank) {
      it(`${problem.slug} passes all of its test cases`, () => {
        const solution = referenceSolutions[problem.slug];
        assert.ok(solution, `no reference solution for ${problem.slug}`);
        for (const tc of problem.testCases) {
          const result = runCase(solution, tc);
          assert.ok(result.pass, `${problem.slug} args=${JSON.stringify(tc.args)}: expected ${JSON.stringify(tc.expected)}, got ${JSON.stringify(result.actual)}${result.error ? ` (${result.error})` : ''}`);
        }
      });
    }
  });

  describe('the checker catches wrong solutions', () => {
    it('a solution returning any one expected value as a constant fails some case of every problem', () => {
      for (const p of problemBank) {
        for (const tc of p.testCases) {
          const constant: Solution = () => decodeTagged(JSON.parse(JSON.stringify(tc.expected)));
          assert.notDeepEqual(failingCases(constant, p.testCases), [], `${p.slug}: the constant ${JSON.stringify(tc.expected)} passes every case`);
        }
      }
    });

    it('solutions returning null, undefined or their first argument fail some case of every problem', () => {
      const mutants: Record<string, Solution> = {
        null: () => null,
        undefined: () => undefined,
        identity: (first) => first,
        throws: () => { throw new Error('boom'); },
      };
      for (const p of problemBank) {
        for (const [name, mutant] of Object.entries(mutants)) {
          assert.notDeepEqual(failingCases(mutant, p.testCases), [], `${p.slug}: the ${name} mutant passes every case`);
        }
      }
    });

    it('exact comparison rejects a reordered result; unordered comparison accepts it', () => {
      const reverseOf = (solution: Solution): Solution => (...args) => {
        const out = solution(...args);
        return Array.isArray(out) ? [...out].reverse() : out;
      };
      for (const p of problemBank) {
        const reordered = reverseOf(referenceSolutions[p.slug]);
        const orderMatters = p.testCases.some((tc) => tc.compare === 'exact' && Array.isArray(tc.expected)
          && new Set(tc.expected.map((x) => JSON.stringify(x))).size > 1);
        if (p.testCases.every((tc) => tc.compare === 'unordered')) assert.deepEqual(failingCases(reordered, p.testCases), [], p.slug);
        else if (orderMatters) assert.notDeepEqual(failingCases(reordered, p.testCases), [], p.slug);
      }
    });

    it('an off-by-one solution is caught', () => {
      const problem = problemBank.find((p) => p.slug === 'stair-climbing-ways');
      assert.ok(problem);
      const offByOne: Solution = (n) => (referenceSolutions[problem.slug](Number(n) + 1));
      assert.ok(failingCases(offByOne, problem.testCases).length >= problem.testCases.length - 1);
    });
  });

  describe('tag codec', () => {
    it('round-trips linked lists, including the empty list', () => {
      for (const values of [[], [1], [3, -1, 3, 0]]) {
        assert.deepEqual(listToArray(buildList(values)), values);
        assert.deepEqual(encodeTagged(decodeTagged({ $list: values }), { $list: [] }), { $list: values });
      }
      assert.deepEqual(buildList([1, 2]), { val: 1, next: { val: 2, next: null } });
    });

    it('round-trips level-order trees with gaps, including the empty tree', () => {
      for (const values of [[], [1], [3, 9, 20, null, null, 15, 7], [1, null, 2, null, 3], [5, 4, 8, 11, null, 13, 4, 7, 2, null, null, null, 1]]) {
        assert.deepEqual(treeToArray(buildTree(values)), values);
        assert.deepEqual(encodeTagged(decodeTagged({ $tree: values }), { $tree: [] }), { $tree: values });
      }
      assert.deepEqual(buildTree([1, null, 2]), { val: 1, left: null, right: { val: 2, left: null, right: null } });
    });

    it('decodes tags nested in arrays and leaves plain values alone', () => {
      assert.deepEqual(decodeTagged([{ $list: [1] }, 2, 'x', { val: 1 }]), [{ val: 1, next: null }, 2, 'x', { val: 1 }]);
    });

    it('a list with a cycle fails the case instead of hanging', () => {
      const cyclic: Solution = () => {
        const node = { val: 1, next: null as unknown };
        node.next = node;
        return node;
      };
      assert.equal(runCase(cyclic, { args: [], expected: { $list: [1] }, compare: 'exact' }).pass, false);
    });
  });
});
