// Harness helpers for the question bank's language-neutral test cases: decoding `$list` / `$tree` tags
// into node objects ({val, next} / {val, left, right}), encoding returned nodes back into tags, and
// checking one test case (exact or unordered comparison). Re-exported by ./referenceSolutions.
import { isDeepStrictEqual } from 'node:util';
import type { TestCase } from '../../../protocol/src/domain';

export interface ListNode { val: number; next: ListNode | null }
export interface TreeNode { val: number; left: TreeNode | null; right: TreeNode | null }
export type Solution = (...args: unknown[]) => unknown;

/** Cap on nodes walked while encoding, so a wrong solution that builds a cycle fails instead of hanging. */
const MAX_NODES = 100_000;

// ---------- tagged values ----------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function tagOf(value: unknown): '$list' | '$tree' | null {
  if (!isObject(value) || Object.keys(value).length !== 1) return null;
  if (Array.isArray(value.$list)) return '$list';
  if (Array.isArray(value.$tree)) return '$tree';
  return null;
}
function nodeValue(value: unknown): number {
  if (typeof value !== 'number') throw new Error(`node value must be a number, got ${JSON.stringify(value)}`);
  return value;
}

export function buildList(values: readonly unknown[]): ListNode | null {
  let head: ListNode | null = null;
  for (let i = values.length - 1; i >= 0; i--) head = { val: nodeValue(values[i]), next: head };
  return head;
}

export function listToArray(head: ListNode | null): number[] {
  const out: number[] = [];
  for (let node = head; node !== null; node = node.next) {
    if (out.length >= MAX_NODES) throw new Error('linked list too long (cycle?)');
    out.push(node.val);
  }
  return out;
}

/** Builds a tree from LeetCode-style level order: each non-null node takes the next two entries as children. */
export function buildTree(values: readonly unknown[]): TreeNode | null {
  if (values.length === 0 || values[0] === null) return null;
  const make = (v: unknown): TreeNode => ({ val: nodeValue(v), left: null, right: null });
  const root = make(values[0]);
  const queue: TreeNode[] = [root];
  let i = 1;
  for (let head = 0; head < queue.length && i < values.length; head++) {
    const parent = queue[head];
    const left = values[i++];
    if (left !== null && left !== undefined) queue.push((parent.left = make(left)));
    const right = i < values.length ? values[i++] : null;
    if (right !== null && right !== undefined) queue.push((parent.right = make(right)));
  }
  return root;
}

export function treeToArray(root: TreeNode | null): (number | null)[] {
  const out: (number | null)[] = [];
  const queue: (TreeNode | null)[] = [root];
  for (let head = 0; head < queue.length; head++) {
    if (queue.length > 2 * MAX_NODES) throw new Error('tree too large (cycle?)');
    const node = queue[head];
    if (node === null) { out.push(null); continue; }
    out.push(node.val);
    queue.push(node.left, node.right);
  }
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

/** Replaces `{"$list": [...]}` / `{"$tree": [...]}` (at any depth of arrays) with node objects. */
export function decodeTagged(value: unknown): unknown {
  const tag = tagOf(value);
  if (tag === '$list' && isObject(value)) return buildList(value.$list as unknown[]);
  if (tag === '$tree' && isObject(value)) return buildTree(value.$tree as unknown[]);
  if (Array.isArray(value)) return value.map(decodeTagged);
  return value;
}

function isListNode(value: unknown): value is ListNode {
  return isObject(value) && 'val' in value && 'next' in value;
}
function isTreeNode(value: unknown): value is TreeNode {
  return isObject(value) && 'val' in value && 'left' in value && 'right' in value;
}

/**
 * Turns returned node objects back into tags. `hint` is the expected value: it says whether a null
 * result means the empty list or the empty tree.
 */
export function encodeTagged(value: unknown, hint?: unknown): unknown {
  const tag = tagOf(hint);
  if (value === null && tag === '$list') return { $list: [] };
  if (value === null && tag === '$tree') return { $tree: [] };
  if (isListNode(value)) return { $list: listToArray(value) };
  if (isTreeNode(value)) return { $tree: treeToArray(value) };
  if (Array.isArray(value)) return value.map((v, i) => encodeTagged(v, Array.isArray(hint) ? hint[i] : undefined));
  return value;
}

// ---------- checking ----------

export function resultsEqual(actual: unknown, expected: unknown, compare: TestCase['compare']): boolean {
  if (compare === 'exact') return isDeepStrictEqual(actual, expected);
  if (!Array.isArray(actual) || !Array.isArray(expected)) return false;
  const sorted = (xs: unknown[]): string[] => xs.map((x) => JSON.stringify(x)).sort();
  return isDeepStrictEqual(sorted(actual), sorted(expected));
}

export interface CaseResult { pass: boolean; actual: unknown; error?: string }

/** Runs one test case against a solution, exactly as a language-neutral harness would. */
export function runCase(solution: Solution, testCase: TestCase): CaseResult {
  const args = (JSON.parse(JSON.stringify(testCase.args)) as unknown[]).map(decodeTagged);
  try {
    const encoded = encodeTagged(solution(...args), testCase.expected);
    // JSON round trip: the result must be plain JSON (this also maps -0 to 0, as other languages would).
    const actual: unknown = encoded === undefined ? undefined : JSON.parse(JSON.stringify(encoded));
    return { pass: resultsEqual(actual, testCase.expected, testCase.compare), actual };
  } catch (error) {
    return { pass: false, actual: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}
