// Question bank: binary trees. Statements are original; see ./index.ts for the test-case conventions
// (`{"$tree": [...]}` encodes a binary tree of {val, left, right} nodes in level order with nulls).
import type { ProblemSpec } from '../../../../protocol/src/domain';

const TREE_NODE_TS = 'interface TreeNode {\n  val: number;\n  left: TreeNode | null;\n  right: TreeNode | null;\n}\n\n';
const TREE_NODE_JS = '// A tree node is an object { val: number, left: node | null, right: node | null }.\n';
const TREE_NODE_PY = '# A tree node has the attributes val (int), left and right (node or None).\n';

export const treesProblems: ProblemSpec[] = [
  {
    slug: 'mirror-binary-tree',
    title: 'Mirror a Binary Tree',
    statement: [
      'Given the root of a binary tree, turn the tree into its mirror image: for every node, its left and right subtrees trade places (and are mirrored themselves).',
      'Return the root of the mirrored tree. You may rearrange the existing nodes in place. The empty tree (`root` is `null`) mirrors to the empty tree.',
      '**Input:** `root`, the root node of a binary tree, or `null`.\n\n**Output:** the root of the mirrored tree, or `null`.',
    ].join('\n\n'),
    topics: ['trees'],
    difficulty: 'easy',
    functionName: 'mirrorTree',
    constraints: ['0 <= number of nodes <= 100', '-100 <= node.val <= 100'],
    examples: [
      { input: 'root = [4, 2, 7, 1, 3, 6, 9] (level order)', output: '[4, 7, 2, 9, 6, 3, 1]' },
      { input: 'root = [1, 2] (level order)', output: '[1, null, 2]', explanation: 'The single left child becomes a right child.' },
    ],
    hints: [
      'Mirroring a tree means mirroring both subtrees and then doing one more thing at the root.',
      'A recursive function that returns the mirrored subtree is natural; the base case is an empty subtree.',
      'For each node: mirror left and right recursively, then swap `node.left` and `node.right`. A queue-based traversal that swaps children at every node works too.',
    ],
    targetTime: 'O(n)',
    targetSpace: 'O(h)',
    starterCode: {
      javascript: `${TREE_NODE_JS}function mirrorTree(root) {\n  // TODO: your code here\n  return root;\n}\n`,
      typescript: `${TREE_NODE_TS}function mirrorTree(root: TreeNode | null): TreeNode | null {\n  // TODO: your code here\n  return root;\n}\n`,
      python: `${TREE_NODE_PY}def mirror_tree(root):\n    # TODO: your code here\n    return root\n`,
    },
    testCases: [
      { args: [{ $tree: [4, 2, 7, 1, 3, 6, 9] }], expected: { $tree: [4, 7, 2, 9, 6, 3, 1] }, compare: 'exact' },
      { args: [{ $tree: [1, 2] }], expected: { $tree: [1, null, 2] }, compare: 'exact' },
      { args: [{ $tree: [2, 1, 3] }], expected: { $tree: [2, 3, 1] }, compare: 'exact' },
      { args: [{ $tree: [] }], expected: { $tree: [] }, compare: 'exact' },
      { args: [{ $tree: [1] }], expected: { $tree: [1] }, compare: 'exact' },
      { args: [{ $tree: [1, null, 2, null, 3] }], expected: { $tree: [1, 2, null, 3] }, compare: 'exact' },
      { args: [{ $tree: [5, 3, 8, 1, null, null, 9] }], expected: { $tree: [5, 8, 3, 9, null, null, 1] }, compare: 'exact' },
      { args: [{ $tree: [-100, -100, 100] }], expected: { $tree: [-100, 100, -100] }, compare: 'exact' },
    ],
  },
  {
    slug: 'tree-level-values',
    title: 'Tree Level Values',
    statement: [
      'Given the root of a binary tree, report its values level by level. Level 0 is the root, level 1 contains the root\'s children, and so on.',
      'Return an array whose `d`-th entry lists the values of all nodes at depth `d`, from the leftmost node to the rightmost one. The empty tree yields an empty array.',
      '**Input:** `root`, the root node of a binary tree, or `null`.\n\n**Output:** an array of arrays of integers.',
    ].join('\n\n'),
    topics: ['trees', 'graphs'],
    difficulty: 'medium',
    functionName: 'levelValues',
    constraints: ['0 <= number of nodes <= 2000', '-1000 <= node.val <= 1000'],
    examples: [
      { input: 'root = [3, 9, 20, null, null, 15, 7] (level order)', output: '[[3], [9, 20], [15, 7]]' },
      { input: 'root = [] (empty tree)', output: '[]' },
    ],
    hints: [
      'Which traversal visits nodes in order of their distance from the root?',
      'Breadth-first search with a queue visits the tree level by level.',
      'At the start of each round, the queue holds exactly one whole level: record its size, pop that many nodes into a new row, and enqueue their non-null children.',
    ],
    targetTime: 'O(n)',
    targetSpace: 'O(n)',
    starterCode: {
      javascript: `${TREE_NODE_JS}function levelValues(root) {\n  // TODO: your code here\n  return [];\n}\n`,
      typescript: `${TREE_NODE_TS}function levelValues(root: TreeNode | null): number[][] {\n  // TODO: your code here\n  return [];\n}\n`,
      python: `${TREE_NODE_PY}def level_values(root):\n    # TODO: your code here\n    return []\n`,
    },
    testCases: [
      { args: [{ $tree: [3, 9, 20, null, null, 15, 7] }], expected: [[3], [9, 20], [15, 7]], compare: 'exact' },
      { args: [{ $tree: [] }], expected: [], compare: 'exact' },
      { args: [{ $tree: [1] }], expected: [[1]], compare: 'exact' },
      { args: [{ $tree: [1, 2, null, 3, null, 4] }], expected: [[1], [2], [3], [4]], compare: 'exact' },
      { args: [{ $tree: [1, 2, 3, 4, 5, 6, 7] }], expected: [[1], [2, 3], [4, 5, 6, 7]], compare: 'exact' },
      { args: [{ $tree: [0, -1, 1, null, -2, 2] }], expected: [[0], [-1, 1], [-2, 2]], compare: 'exact' },
      { args: [{ $tree: [5, 4, 8, 11, null, 13, 4, 7, 2, null, null, null, 1] }], expected: [[5], [4, 8], [11, 13, 4], [7, 2, 1]], compare: 'exact' },
      { args: [{ $tree: [7, 7, 7, null, 7] }], expected: [[7], [7, 7], [7]], compare: 'exact' },
    ],
  },
  {
    slug: 'heaviest-tree-path',
    title: 'Heaviest Tree Path',
    statement: [
      'In a binary tree, a *path* is a sequence of distinct nodes in which every two consecutive nodes are parent and child. A path contains at least one node, does not have to pass through the root, and may go up through a node and back down into its other subtree.',
      'The weight of a path is the sum of the values of its nodes. Node values may be negative. Given the root of a non-empty tree, return the largest weight of any path.',
      '**Input:** `root`, the root node of a non-empty binary tree.\n\n**Output:** an integer, the maximum path weight.',
    ].join('\n\n'),
    topics: ['trees', 'dynamic-programming'],
    difficulty: 'hard',
    functionName: 'maxPathWeight',
    constraints: ['1 <= number of nodes <= 3 * 10^4', '-1000 <= node.val <= 1000'],
    examples: [
      { input: 'root = [1, 2, 3] (level order)', output: '6', explanation: 'The path 2 -> 1 -> 3.' },
      { input: 'root = [-10, 9, 20, null, null, 15, 7] (level order)', output: '42', explanation: 'The path 15 -> 20 -> 7.' },
    ],
    hints: [
      'Every path has a single highest node. What does the best path whose highest node is `x` look like?',
      'It is `x` plus the best downward "arm" from its left child and from its right child, where an arm with negative weight is better left out.',
      'Write a post-order function returning the best downward arm `x.val + max(0, leftArm, rightArm)`, while updating a global best with `x.val + max(0, leftArm) + max(0, rightArm)`.',
    ],
    targetTime: 'O(n)',
    targetSpace: 'O(h)',
    starterCode: {
      javascript: `${TREE_NODE_JS}function maxPathWeight(root) {\n  // TODO: your code here\n  return 0;\n}\n`,
      typescript: `${TREE_NODE_TS}function maxPathWeight(root: TreeNode | null): number {\n  // TODO: your code here\n  return 0;\n}\n`,
      python: `${TREE_NODE_PY}def max_path_weight(root):\n    # TODO: your code here\n    return 0\n`,
    },
    testCases: [
      { args: [{ $tree: [1, 2, 3] }], expected: 6, compare: 'exact' },
      { args: [{ $tree: [-10, 9, 20, null, null, 15, 7] }], expected: 42, compare: 'exact' },
      { args: [{ $tree: [-3] }], expected: -3, compare: 'exact' },
      { args: [{ $tree: [2, -1] }], expected: 2, compare: 'exact' },
      { args: [{ $tree: [-2, -1] }], expected: -1, compare: 'exact' },
      { args: [{ $tree: [5, 4, 8, 11, null, 13, 4, 7, 2, null, null, null, 1] }], expected: 48, compare: 'exact' },
      { args: [{ $tree: [1, -2, 3] }], expected: 4, compare: 'exact' },
      { args: [{ $tree: [10, 2, 10, 20, 1, null, -25, null, null, null, null, 3, 4] }], expected: 42, compare: 'exact' },
      { args: [{ $tree: [1000, -1000, 1000, 1000] }], expected: 2000, compare: 'exact' },
    ],
  },
];
