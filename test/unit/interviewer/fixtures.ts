// A real problem and real candidate code for the interviewer tests: a pair-with-target-sum problem,
// with a hash-map and a brute-force solution in JavaScript and Python.
import type { ProblemSpec } from '../../../protocol/src/domain';

export const pairProblem: ProblemSpec & { id: string } = {
  id: 'problem-pair-target-sum',
  slug: 'pair-with-target-sum',
  title: 'Pair With Target Sum',
  statement: [
    'Given an array of integers `nums` and an integer `target`, return the indices of the two numbers that add up to `target`.',
    'Exactly one valid pair exists. You may not use the same position twice, although two positions may hold equal values.',
    '**Output:** the two-element array `[i, j]` with the smaller index first.',
  ].join('\n\n'),
  topics: ['arrays-hashing'],
  difficulty: 'easy',
  functionName: 'pairWithTargetSum',
  constraints: ['2 <= nums.length <= 10^4', '-10^9 <= nums[i], target <= 10^9', 'Exactly one valid pair exists'],
  examples: [
    { input: 'nums = [2, 7, 11, 15], target = 9', output: '[0, 1]', explanation: '2 + 7 = 9.' },
    { input: 'nums = [3, 3], target = 6', output: '[0, 1]' },
  ],
  hints: [
    'The brute force checks every pair. What would let you skip the inner loop?',
    'For each value x, you need to know whether target - x appeared earlier.',
    'Keep a map from value to index while you scan once.',
  ],
  targetTime: 'O(n)',
  targetSpace: 'O(n)',
  starterCode: {
    javascript: 'function pairWithTargetSum(nums, target) {\n  // TODO: your code here\n  return [];\n}\n',
    typescript: 'function pairWithTargetSum(nums: number[], target: number): number[] {\n  // TODO: your code here\n  return [];\n}\n',
    python: 'def pair_with_target_sum(nums, target):\n    # TODO: your code here\n    return []\n',
  },
  testCases: [
    { args: [[2, 7, 11, 15], 9], expected: [0, 1], compare: 'exact' },
    { args: [[3, 3], 6], expected: [0, 1], compare: 'exact' },
    { args: [[3, 2, 4], 6], expected: [1, 2], compare: 'exact' },
  ],
};

/** A problem without size, sign or order facts, to check the "assume and say so" answers. */
export const vagueProblem: ProblemSpec & { id: string } = {
  ...pairProblem,
  id: 'problem-vague',
  slug: 'vague-pairs',
  statement: 'Given a list of numbers `nums` and a number `target`, find two positions whose values add up to `target`.',
  constraints: ['A valid pair always exists'],
};

export const JS_HASHMAP = [
  'function pairWithTargetSum(nums, target) {',
  '  const seen = new Map();',
  '  for (let i = 0; i < nums.length; i++) {',
  '    const need = target - nums[i];',
  '    if (seen.has(need)) {',
  '      return [seen.get(need), i];',
  '    }',
  '    seen.set(nums[i], i);',
  '  }',
  '  return [];',
  '}',
  '',
].join('\n');

export const JS_NESTED = [
  'function pairWithTargetSum(nums, target) {',
  '  // check every pair',
  '  for (let i = 0; i < nums.length; i++) {',
  '    for (let j = i + 1; j < nums.length; j++) {',
  '      if (nums[i] + nums[j] === target) return [i, j];',
  '    }',
  '  }',
  '  return [];',
  '}',
  '',
].join('\n');

export const PY_HASHMAP = [
  'def pair_with_target_sum(nums, target):',
  '    seen = {}',
  '    for i, x in enumerate(nums):',
  '        if target - x in seen:',
  '            return [seen[target - x], i]',
  '        seen[x] = i',
  '    return []',
  '',
].join('\n');

export const PY_NESTED = [
  'def pair_with_target_sum(nums, target):',
  '    n = len(nums)',
  '    for i in range(n):',
  '        for j in range(i + 1, n):',
  '            if nums[i] + nums[j] == target:',
  '                return [i, j]',
  '    return []',
  '',
].join('\n');

/** Calls itself inside its own body: recursion, not a harness call. */
export const JS_RECURSIVE = [
  'function pairWithTargetSum(nums, target, i = 0) {',
  '  if (i >= nums.length) return [];',
  '  const j = nums.indexOf(target - nums[i], i + 1);',
  '  if (j >= 0) return [i, j];',
  '  return pairWithTargetSum(nums, target, i + 1);',
  '}',
  '',
].join('\n');

/** A loop whose body scans the array again with indexOf: quadratic without a second `for`. */
export const JS_HIDDEN_SCAN = [
  'function pairWithTargetSum(nums, target) {',
  '  for (let i = 0; i < nums.length; i++) {',
  '    const j = nums.indexOf(target - nums[i]);',
  '    if (j > i) return [i, j];',
  '  }',
  '  return [];',
  '}',
  '',
].join('\n');
