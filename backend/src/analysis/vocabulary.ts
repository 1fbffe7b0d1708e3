// Which library calls and literals mean what, in interview terms: a sort, a hidden linear scan, a hash map, a heap.
import type { Node } from 'web-tree-sitter';
import { baseName, callArgs, type CallShape, type Family } from './syntax';
import type { StructureKind } from './types';

export type ValueKind = StructureKind | 'list' | 'constant' | 'allocation';

export type CallKind =
  | { kind: 'sort' | 'scan' | 'allocation' }
  | { kind: 'container-method'; detail: string }
  /** A push or pop on the heap named `detail`: O(log n) each. */
  | { kind: 'heap-op'; detail: string | null }
  /** `detail` names the container when the call does (`heappush(heap, x)`); else the assignment does. */
  | { kind: 'structure'; structure: StructureKind; detail: string | null };

const LITERAL = /^(number|integer|float|string|true|false|null|none|unary_expression)$/;
const isLiteral = (node: Node): boolean =>
  LITERAL.test(node.type) || (/^(array|list|tuple)$/.test(node.type) && node.namedChildren.every(isLiteral));
const items = (node: Node): Node[] => node.namedChildren.filter((c) => c.type !== 'comment');

/** What a bound value is: `{}` as a map, `[]` as a possible stack or queue, `[[0, 1], [1, 0]]` as a constant. */
export function classifyValue(value: Node): ValueKind | null {
  switch (value.type) {
    case 'object': return items(value).length === 0 ? 'object-map' : null;
    case 'dictionary': case 'dictionary_comprehension': return 'map';
    case 'set': case 'set_comprehension': return 'set';
    case 'list_comprehension': return 'allocation';
    case 'array': case 'list':
      if (items(value).length > 0 && items(value).every(isLiteral)) return 'constant';
      return items(value).some((c) => c.type === 'spread_element' || c.type === 'list_splat') ? 'allocation' : 'list';
    case 'tuple': return items(value).every(isLiteral) ? 'constant' : null;
    case 'binary_operator': // `[0] * n` grows with n; `[0] * 26` is a fixed-size table
      if (!/^\[.*\]\s*\*/s.test(value.text)) return null;
      return /\*\s*\d+$/.test(value.text) ? 'constant' : 'allocation';
    default: return null;
  }
}

const structure = (kind: StructureKind, detail: string | null = null): CallKind => ({ kind: 'structure', structure: kind, detail });

/** A constructor or factory by name: `Map`, `defaultdict`, `deque`, `MinHeap`, `PriorityQueue`. */
function constructed(name: string): CallKind | null {
  if (/^(Map|WeakMap|dict|defaultdict|Counter|OrderedDict)$/.test(name)) return structure('map');
  if (/^(Set|WeakSet|set|frozenset)$/.test(name)) return structure('set');
  if (/^deque$/i.test(name)) return structure('deque');
  if (name === 'Array') return { kind: 'allocation' };
  // Only class-like names: `MinHeap()` builds a heap, a helper called `heapify_down()` does not
  if (!/^[A-Z]/.test(name)) return null;
  if (/heap|priority/i.test(name)) return structure('heap');
  if (/queue/i.test(name)) return structure(name === 'LifoQueue' ? 'stack' : 'queue');
  return null;
}

const HEAPQ = /^(heappush|heappop|heapify|heapreplace|heappushpop|nlargest|nsmallest)$/;

function heapq(name: string, args: readonly Node[]): CallKind {
  const heap = args[0] ? baseName(args[0].text) : null;
  if (/^(nlargest|nsmallest)$/.test(name)) return { kind: 'sort' };
  return name === 'heapify' ? structure('heap', heap) : { kind: 'heap-op', detail: heap };
}
const JS_SCANS = /^(includes|indexOf|lastIndexOf|slice|concat)$/;
const JS_CONTAINER = /^(push|pop|shift|unshift)$/;
const PY_CONTAINER = /^(append|pop|popleft|appendleft)$/;

function methodKind(call: Node, receiver: string, name: string, family: Family): CallKind | null {
  if (name === 'sort' || name === 'toSorted') return { kind: 'sort' };
  if (family === 'js') {
    if (receiver === 'Object' && name === 'create' && callArgs(call)[0]?.text === 'null') return structure('object-map');
    if (receiver === 'Array' && name === 'from') return { kind: 'allocation' };
    if (JS_SCANS.test(name)) return { kind: 'scan' };
    return JS_CONTAINER.test(name) ? { kind: 'container-method', detail: name } : null;
  }
  if (receiver === 'heapq' && HEAPQ.test(name)) return heapq(name, callArgs(call));
  if (/^(collections|queue)$/.test(receiver)) return constructed(name);
  if (name === 'index' || name === 'count' || name === 'copy') return { kind: 'scan' };
  if (!PY_CONTAINER.test(name)) return null;
  // `queue.pop(0)` dequeues from the front of a list: a queue, and an O(n) one
  return { kind: 'container-method', detail: name === 'pop' && callArgs(call)[0]?.text === '0' ? 'pop0' : name };
}

/** What a call does in interview terms, or null when it is just a call. */
export function classifyCall(call: Node, shape: CallShape, family: Family): CallKind | null {
  if (shape.receiver !== null && shape.method !== null) return methodKind(call, shape.receiver, shape.method, family);
  const name = shape.callee;
  if (name === null) return null;
  if (family === 'py') {
    if (name === 'sorted') return { kind: 'sort' };
    if (HEAPQ.test(name)) return heapq(name, callArgs(call));
    // `max(nums)` walks the whole input; `max(a, b)` or `max(x for ...)` (already a loop) does not count here
    if (/^(sum|max|min|any|all|list)$/.test(name)) {
      const args = callArgs(call);
      if (args.length === 1 && /^(identifier|attribute|subscript)$/.test(args[0].type)) return { kind: 'scan' };
    }
  }
  return constructed(name);
}
