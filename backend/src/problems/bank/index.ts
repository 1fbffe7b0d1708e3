/**
 * The interview question bank: original coding problems, one file per topic.
 *
 * Function names: `functionName` is camelCase and is used verbatim for JavaScript and TypeScript.
 * Python uses the snake_case form of the same name (see `snakeCase` below), e.g. `pairSumIndices`
 * becomes `pair_sum_indices`; the Python starter code and the Python test harness use that form.
 *
 * Test cases are language-neutral JSON: `args` is the positional argument list, `expected` the return
 * value, and `compare` is 'exact' (deep equality) or 'unordered' (the outer array's order is ignored).
 *
 * Tagged values stand for linked structures, in `args` and in `expected`:
 *  - `{"$list": [1, 2, 3]}` is the singly linked list 1 -> 2 -> 3 built from `{ val, next }` nodes;
 *    `{"$list": []}` is the empty list, i.e. a null head.
 *  - `{"$tree": [3, 9, 20, null, null, 15, 7]}` is a binary tree of `{ val, left, right }` nodes in
 *    LeetCode-style level order: the root first, then for each non-null node in order its left and right
 *    child, `null` marking a missing child and trailing nulls omitted; `{"$tree": []}` is the empty tree.
 * A harness decodes tags into node objects before calling the candidate's function and encodes returned
 * nodes back into the tagged form before comparing with `expected`.
 */
import type { ProblemSpec, Topic } from '../../../../protocol/src/domain';
import { arraysHashingProblems } from './arrays-hashing';
import { binarySearchProblems } from './binary-search';
import { dynamicProgrammingProblems } from './dynamic-programming';
import { graphsProblems } from './graphs';
import { heapsProblems } from './heaps';
import { intervalsProblems } from './intervals';
import { linkedListsProblems } from './linked-lists';
import { slidingWindowProblems } from './sliding-window';
import { stackProblems } from './stack';
import { stringsProblems } from './strings';
import { treesProblems } from './trees';
import { twoPointersProblems } from './two-pointers';

/** The problems of each topic file; every problem lists its file's topic first in `topics`. */
export const problemsByTopic: Readonly<Record<Topic, readonly ProblemSpec[]>> = {
  'arrays-hashing': arraysHashingProblems,
  'two-pointers': twoPointersProblems,
  'sliding-window': slidingWindowProblems,
  stack: stackProblems,
  'binary-search': binarySearchProblems,
  'linked-lists': linkedListsProblems,
  trees: treesProblems,
  graphs: graphsProblems,
  heaps: heapsProblems,
  intervals: intervalsProblems,
  'dynamic-programming': dynamicProgrammingProblems,
  strings: stringsProblems,
};

/** Every problem of the bank, grouped by topic file. */
export const problemBank: readonly ProblemSpec[] = Object.values(problemsByTopic).flat();

/**
 * The Python name for a camelCase function name: `pairSumIndices` -> `pair_sum_indices`,
 * `isValidBST` -> `is_valid_bst`, `parseHTML5Tag` -> `parse_html5_tag`.
 */
export function snakeCase(functionName: string): string {
  return functionName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
