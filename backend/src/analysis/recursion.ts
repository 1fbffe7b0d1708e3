// What shape a function's self-calls make: the difference between fib's O(2^n), a DFS's O(n) and merge sort's
// O(n log n) is not how many calls are written but what they recurse on and whether results are cached.
import type { Node } from 'web-tree-sitter';
import type { FnFact } from './facts';
import { halvedArgument, looksLikeAdjacency, marksVisited, memoizes, structuralArgument } from './signals';
import type { RecursionShape } from './types';

const BRANCHES = new Set(['if_statement', 'ternary_expression', 'conditional_expression', 'switch_statement', 'match_statement']);

function enclosingReturn(node: Node, fnNode: Node): Node | null {
  for (let at: Node | null = node; at && at.id !== fnNode.id; at = at.parent) if (at.type === 'return_statement') return at;
  return null;
}

/**
 * True when at most one of two self-calls runs per invocation: they sit in different `return`s (the first one
 * leaves), or in different branches of one `if`/ternary (binary search's `go left` / `go right`).
 */
function exclusive(a: Node, b: Node, fnNode: Node): boolean {
  const ra = enclosingReturn(a, fnNode);
  const rb = enclosingReturn(b, fnNode);
  if (ra && rb && ra.id !== rb.id) return true;
  const pathOfA = new Map<number, number>(); // ancestor id → id of the child the path from `a` came through
  for (let child: Node = a, up = a.parent; up; child = up, up = up.parent) pathOfA.set(up.id, child.id);
  for (let child: Node = b, up = b.parent; up; child = up, up = up.parent) {
    const fromA = pathOfA.get(up.id);
    if (fromA === undefined) continue;
    const condition = up.childForFieldName('condition')?.id;
    return BRANCHES.has(up.type) && fromA !== child.id && fromA !== condition && child.id !== condition;
  }
  return false;
}

export function recursionShape(fn: FnFact): RecursionShape | null {
  const calls = fn.selfCalls;
  if (calls.length === 0) return null;
  const text = fn.node.text;
  if (memoizes(text, fn.decorators)) return 'memoized';
  const inLoop = calls.some((c) => c.loop);
  const branching = inLoop || calls.some((a, i) => calls.slice(i + 1).some((b) => !exclusive(a.node, b.node, fn.node)));
  const args = calls.map((c) => c.args).join(' ');
  const overNeighbours = calls.some((c) => c.loop && looksLikeAdjacency(c.loop.iterated.text ?? ''));
  // A visited mark makes branching calls a traversal (grid flood fill); on their own they would be exponential
  if (structuralArgument(args) || overNeighbours || (branching && !inLoop && marksVisited(text))) return 'traversal';
  if (halvedArgument(args)) return branching ? 'divide-and-conquer' : 'halving';
  return branching ? 'branching' : 'linear';
}
