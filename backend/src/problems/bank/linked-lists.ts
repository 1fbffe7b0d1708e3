// Question bank: linked lists. Statements are original; see ./index.ts for the test-case conventions
// (`{"$list": [...]}` encodes a singly linked list of {val, next} nodes).
import type { ProblemSpec } from '../../../../protocol/src/domain';

const LIST_NODE_TS = 'interface ListNode {\n  val: number;\n  next: ListNode | null;\n}\n\n';
const LIST_NODE_JS = '// A list node is an object { val: number, next: node | null }.\n';
const LIST_NODE_PY = '# A list node has the attributes val (int) and next (node or None).\n';

export const linkedListsProblems: ProblemSpec[] = [
  {
    slug: 'reverse-singly-linked-list',
    title: 'Reverse a Singly Linked List',
    statement: [
      'You receive the first node `head` of a singly linked list. Each node has an integer `val` and a `next` pointer to the following node (`null` after the last node).',
      'Reverse the direction of every link so the former last node becomes the first, and return the new first node. An empty list (`head` is `null`) stays empty.',
      '**Input:** `head`, the first node of a list, or `null`.\n\n**Output:** the first node of the reversed list, or `null`.',
    ].join('\n\n'),
    topics: ['linked-lists'],
    difficulty: 'easy',
    functionName: 'reverseList',
    constraints: ['0 <= number of nodes <= 5000', '-5000 <= node.val <= 5000'],
    examples: [
      { input: 'head = 1 -> 2 -> 3 -> 4 -> 5', output: '5 -> 4 -> 3 -> 2 -> 1' },
      { input: 'head = null', output: 'null' },
    ],
    hints: [
      'While walking the list you can flip one `next` pointer per step; what do you need to remember so you do not lose the rest of the list?',
      'Keep three references: the previous node, the current node, and the node after the current one.',
      'Loop: save `next = cur.next`, set `cur.next = prev`, then advance `prev = cur` and `cur = next`. Return `prev` at the end.',
    ],
    targetTime: 'O(n)',
    targetSpace: 'O(1)',
    starterCode: {
      javascript: `${LIST_NODE_JS}function reverseList(head) {\n  // TODO: your code here\n  return null;\n}\n`,
      typescript: `${LIST_NODE_TS}function reverseList(head: ListNode | null): ListNode | null {\n  // TODO: your code here\n  return null;\n}\n`,
      python: `${LIST_NODE_PY}def reverse_list(head):\n    # TODO: your code here\n    return None\n`,
    },
    testCases: [
      { args: [{ $list: [1, 2, 3, 4, 5] }], expected: { $list: [5, 4, 3, 2, 1] }, compare: 'exact' },
      { args: [{ $list: [] }], expected: { $list: [] }, compare: 'exact' },
      { args: [{ $list: [1, 2] }], expected: { $list: [2, 1] }, compare: 'exact' },
      { args: [{ $list: [7] }], expected: { $list: [7] }, compare: 'exact' },
      { args: [{ $list: [1, 1, 2] }], expected: { $list: [2, 1, 1] }, compare: 'exact' },
      { args: [{ $list: [-3, 0, 3] }], expected: { $list: [3, 0, -3] }, compare: 'exact' },
      { args: [{ $list: [5000, -5000, 42, 42] }], expected: { $list: [42, 42, -5000, 5000] }, compare: 'exact' },
    ],
  },
  {
    slug: 'remove-kth-from-end',
    title: 'Remove the K-th Node From the End',
    statement: [
      'Given the head of a singly linked list and an integer `k`, unlink the node that is `k`-th when counting from the end of the list (the last node is 1st from the end) and return the head of the resulting list.',
      '`k` is always between 1 and the length of the list. Removing the only node leaves an empty list. Try to do it in a single pass over the list.',
      '**Input:** `head`, the first node of a non-empty list, and `k`, an integer.\n\n**Output:** the head of the list after the removal, or `null` if it became empty.',
    ].join('\n\n'),
    topics: ['linked-lists', 'two-pointers'],
    difficulty: 'medium',
    functionName: 'removeKthFromEnd',
    constraints: ['1 <= number of nodes <= 30', '0 <= node.val <= 100', '1 <= k <= number of nodes'],
    examples: [
      { input: 'head = 1 -> 2 -> 3 -> 4 -> 5, k = 2', output: '1 -> 2 -> 3 -> 5', explanation: 'The node 4 is second from the end.' },
      { input: 'head = 1, k = 1', output: 'null' },
    ],
    hints: [
      'Counting the length first and then walking again works in two passes. Can two references a fixed distance apart do it in one?',
      'Advance a "lead" pointer k steps, then move it and a "trail" pointer together until the lead reaches the end.',
      'Start the trail at a dummy node placed before `head`, so that when the lead falls off the list, `trail.next` is the node to remove, even if that node is the head. Return `dummy.next`.',
    ],
    targetTime: 'O(n)',
    targetSpace: 'O(1)',
    starterCode: {
      javascript: `${LIST_NODE_JS}function removeKthFromEnd(head, k) {\n  // TODO: your code here\n  return head;\n}\n`,
      typescript: `${LIST_NODE_TS}function removeKthFromEnd(head: ListNode | null, k: number): ListNode | null {\n  // TODO: your code here\n  return head;\n}\n`,
      python: `${LIST_NODE_PY}def remove_kth_from_end(head, k):\n    # TODO: your code here\n    return head\n`,
    },
    testCases: [
      { args: [{ $list: [1, 2, 3, 4, 5] }, 2], expected: { $list: [1, 2, 3, 5] }, compare: 'exact' },
      { args: [{ $list: [1] }, 1], expected: { $list: [] }, compare: 'exact' },
      { args: [{ $list: [1, 2] }, 1], expected: { $list: [1] }, compare: 'exact' },
      { args: [{ $list: [1, 2] }, 2], expected: { $list: [2] }, compare: 'exact' },
      { args: [{ $list: [1, 2, 3] }, 3], expected: { $list: [2, 3] }, compare: 'exact' },
      { args: [{ $list: [5, 5, 5, 5] }, 4], expected: { $list: [5, 5, 5] }, compare: 'exact' },
      { args: [{ $list: [10, 20, 30, 40] }, 1], expected: { $list: [10, 20, 30] }, compare: 'exact' },
      { args: [{ $list: [0, 100, 0, 100, 0] }, 3], expected: { $list: [0, 100, 100, 0] }, compare: 'exact' },
    ],
  },
  {
    slug: 'reverse-in-blocks',
    title: 'Reverse a List in Blocks',
    statement: [
      'Given the head of a singly linked list and a positive integer `k`, cut the list into consecutive blocks of `k` nodes starting from the head, reverse the order of the nodes inside every complete block, and return the head of the resulting list.',
      'If the number of nodes left at the end is smaller than `k`, that final partial block keeps its original order. You must relink the existing nodes rather than change their values, and use only constant extra memory.',
      '**Input:** `head`, the first node of a non-empty list, and `k`, a positive integer.\n\n**Output:** the head of the rearranged list.',
    ].join('\n\n'),
    topics: ['linked-lists'],
    difficulty: 'hard',
    functionName: 'reverseInBlocks',
    constraints: ['1 <= number of nodes <= 5000', '0 <= node.val <= 1000', '1 <= k <= 5000'],
    examples: [
      { input: 'head = 1 -> 2 -> 3 -> 4 -> 5, k = 2', output: '2 -> 1 -> 4 -> 3 -> 5', explanation: 'The last block [5] is incomplete and stays as is.' },
      { input: 'head = 1 -> 2 -> 3 -> 4 -> 5, k = 3', output: '3 -> 2 -> 1 -> 4 -> 5' },
    ],
    hints: [
      'Before reversing a block, make sure it really has k nodes.',
      'Reversing one block is the classic in-place reversal, limited to k steps. What must you reconnect afterwards?',
      'Keep a pointer to the node just before the current block (start with a dummy). Reverse the k nodes, link the previous tail to the block\'s new first node and the block\'s new last node (its old first node) to the rest, then move the "before" pointer to that new last node.',
    ],
    targetTime: 'O(n)',
    targetSpace: 'O(1)',
    starterCode: {
      javascript: `${LIST_NODE_JS}function reverseInBlocks(head, k) {\n  // TODO: your code here\n  return head;\n}\n`,
      typescript: `${LIST_NODE_TS}function reverseInBlocks(head: ListNode | null, k: number): ListNode | null {\n  // TODO: your code here\n  return head;\n}\n`,
      python: `${LIST_NODE_PY}def reverse_in_blocks(head, k):\n    # TODO: your code here\n    return head\n`,
    },
    testCases: [
      { args: [{ $list: [1, 2, 3, 4, 5] }, 2], expected: { $list: [2, 1, 4, 3, 5] }, compare: 'exact' },
      { args: [{ $list: [1, 2, 3, 4, 5] }, 3], expected: { $list: [3, 2, 1, 4, 5] }, compare: 'exact' },
      { args: [{ $list: [1, 2, 3, 4, 5] }, 1], expected: { $list: [1, 2, 3, 4, 5] }, compare: 'exact' },
      { args: [{ $list: [1] }, 1], expected: { $list: [1] }, compare: 'exact' },
      { args: [{ $list: [1, 2, 3, 4, 5, 6] }, 3], expected: { $list: [3, 2, 1, 6, 5, 4] }, compare: 'exact' },
      { args: [{ $list: [1, 2] }, 3], expected: { $list: [1, 2] }, compare: 'exact' },
      { args: [{ $list: [1, 2, 3, 4] }, 4], expected: { $list: [4, 3, 2, 1] }, compare: 'exact' },
      { args: [{ $list: [9, 8, 7, 6, 5, 4, 3] }, 2], expected: { $list: [8, 9, 6, 7, 4, 5, 3] }, compare: 'exact' },
      { args: [{ $list: [0, 0, 1000, 1000] }, 2], expected: { $list: [0, 0, 1000, 1000] }, compare: 'exact' },
    ],
  },
];
