// Time and space estimates from the collected facts: every loop, sort and scan is a term (its own cost times the
// loops around it and the recursion of its function); the largest term is the estimate and cites its lines.
import type { CostFact, Facts, FnFact, LoopFact } from './facts';
import { compareOrder, EXP, formatOrder, LOG, N, N_LOG_N, ONE, times, type Order } from './complexity';
import { looksLikeAdjacency, marksVisited } from './signals';
import type { CodeSpot, Estimate, LoopBound, RecursionShape, StructureUse } from './types';

interface Term {
  order: Order;
  because: string;
}

/** Per recursion shape: the cost of the recursion itself, and what each call's own loops are multiplied by. */
const RECURSION_COST: Readonly<Record<RecursionShape, { base: Order; each: Order }>> = {
  linear: { base: N, each: N },
  halving: { base: LOG, each: LOG },
  'divide-and-conquer': { base: N_LOG_N, each: LOG }, // each level's loops total n: merge sort
  traversal: { base: N, each: ONE }, // neighbour loops are amortised over the whole traversal
  memoized: { base: N, each: N },
  branching: { base: EXP, each: EXP },
};

const lines = (ls: readonly number[]): string => (ls.length === 1 ? `line ${ls[0]}` : `lines ${ls.join(', ')}`);

/** Decides each loop's bound once recursion shapes are known; fills `info.bound` and resolves `n` to `nums`. */
export function resolveLoops(facts: Facts, shapes: ReadonlyMap<FnFact, RecursionShape>): void {
  const visits = new Map<FnFact | null, boolean>();
  const fnMarksVisited = (fn: FnFact | null): boolean => {
    if (!visits.has(fn)) visits.set(fn, !!fn && marksVisited(fn.node.text));
    return visits.get(fn) ?? false;
  };
  for (const loop of facts.loops) {
    const text = loop.iterated.text;
    if (text && facts.aliases.has(text)) loop.info.iterates = facts.aliases.get(text) ?? text;
    loop.info.bound = boundOf(loop, facts, shapes, fnMarksVisited);
  }
}

function boundOf(loop: LoopFact, facts: Facts, shapes: ReadonlyMap<FnFact, RecursionShape>, visited: (fn: FnFact | null) => boolean): LoopBound {
  if (loop.iterated.constant || (loop.iterated.text !== null && facts.constants.has(loop.iterated.text))) return 'constant';
  if (loop.halving) return 'halving';
  const ancestors: LoopFact[] = [];
  for (let up = loop.parent; up; up = up.parent) ancestors.push(up);
  const insideTraversal = ancestors.some((a) => a.worklist) || (loop.fn !== null && shapes.get(loop.fn) === 'traversal');
  if (insideTraversal && looksLikeAdjacency(loop.iterated.text ?? '')) return 'amortized'; // O(V + E) in total
  const parent = loop.parent;
  if (!parent) return 'input';
  // A pointer or stack that lives outside the outer loop only moves forward: sliding window, monotonic stack
  const carried = [...loop.stepped, ...loop.popped].some((name) => name !== '' && !parent.assigned.has(name));
  if ((loop.info.kind === 'while' || loop.info.kind === 'do-while') && carried) return 'amortized';
  // BFS started from every cell: the visited marks bound all the searches together by the grid's size
  if (loop.worklist && visited(loop.fn)) return 'amortized';
  return 'input';
}

const loopFactor = (loop: LoopFact): Order => (loop.info.bound === 'input' ? N : loop.info.bound === 'halving' ? LOG : ONE);

function describeLoops(chain: readonly LoopFact[]): string {
  const counted = chain.filter((l) => l.info.bound === 'input' || l.info.bound === 'halving');
  if (counted.length > 1 && counted.every((l) => l.info.bound === 'input')) {
    const over = [...new Set(counted.map((l) => l.info.iterates).filter((x) => x !== null))];
    return `loops nested ${counted.length} deep${over.length ? ` over ${over.join(' and ')}` : ''} (${lines(counted.map((l) => l.info.line))})`;
  }
  return counted.map((l) => {
    if (l.info.bound === 'halving') return `a loop that halves its range each pass (line ${l.info.line})`;
    if (l.worklist) return `a loop draining ${l.worklist}, each item once (line ${l.info.line})`;
    return `${l.info.iterates ? `a pass over ${l.info.iterates}` : 'a loop'} (line ${l.info.line})`;
  }).join(' containing ');
}

function chainOf(loop: LoopFact | null): LoopFact[] {
  const chain: LoopFact[] = [];
  for (let at = loop; at; at = at.parent) chain.unshift(at);
  return chain;
}

function describeRecursion(fn: FnFact, shape: RecursionShape): string {
  const at = lines([...new Set(fn.selfCalls.map((c) => c.line))]);
  const name = fn.info.name;
  switch (shape) {
    case 'linear': return `${name} recurses on a smaller input, up to n calls deep (${at})`;
    case 'halving': return `${name} recurses on half the range each call (${at})`;
    case 'divide-and-conquer': return `${name} recurses on both halves, log n levels of linear work (${at})`;
    case 'traversal': return `${name} visits each node or cell once (${at})`;
    case 'memoized': return `${name} caches its results, so each subproblem is solved once (${at})`;
    case 'branching': return `${name} calls itself ${fn.selfCalls.some((c) => c.loop) ? 'in a loop' : 'more than once per call'} with no cache (${at})`;
  }
}

function term(inner: Order, innerText: string, fn: FnFact | null, shapes: ReadonlyMap<FnFact, RecursionShape>): Term {
  const shape = fn ? shapes.get(fn) : undefined;
  if (!fn || !shape) return { order: inner, because: innerText };
  const { each } = RECURSION_COST[shape];
  return { order: times(inner, each), because: `${describeRecursion(fn, shape)}, and each call runs ${innerText}` };
}

const COST: Readonly<Record<CostFact['kind'], { order: Order; what: string }>> = {
  sort: { order: N_LOG_N, what: 'a sort' },
  scan: { order: N, what: 'a linear scan' },
  heap: { order: LOG, what: 'a log n heap operation' },
};

const costText = (cost: CostFact): string => `\`${cost.spot.text}\` (line ${cost.spot.line}), ${COST[cost.kind].what}`;

export function estimateTime(facts: Facts, costs: readonly CostFact[], shapes: ReadonlyMap<FnFact, RecursionShape>): Estimate {
  const terms: Term[] = [];
  for (const [fn, shape] of shapes) terms.push({ order: RECURSION_COST[shape].base, because: describeRecursion(fn, shape) });
  // Only innermost loops: every factor is at least 1, so a loop's chain never costs less than its parent's
  const outer = new Set(facts.loops.map((l) => l.parent));
  for (const loop of facts.loops.filter((l) => !outer.has(l))) {
    const chain = chainOf(loop);
    const order = chain.map(loopFactor).reduce(times, ONE);
    if (compareOrder(order, ONE) > 0) terms.push(term(order, describeLoops(chain), loop.fn, shapes));
  }
  for (const cost of costs) {
    const chain = chainOf(cost.loop);
    const order = times(chain.map(loopFactor).reduce(times, ONE), COST[cost.kind].order);
    const around = describeLoops(chain);
    terms.push(term(order, around ? `${costText(cost)} inside ${around}` : costText(cost), cost.fn, shapes));
  }
  if (terms.length === 0) return { bigO: 'O(1)', because: 'no loops, recursion or sorting: a fixed amount of work' };
  terms.sort((a, b) => compareOrder(b.order, a.order));
  const [top] = terms;
  // The runner-up worth naming: cheaper, and not just a part of the top term (its outer loop, say)
  const next = terms.find((t) => compareOrder(t.order, top.order) < 0 && !top.because.includes(t.because));
  const outweighs = next ? `, which outweighs ${next.because} at ${formatOrder(next.order)}` : '';
  return { bigO: formatOrder(top.order), because: `${top.because}${outweighs}` };
}

export function estimateSpace(
  structures: readonly StructureUse[], allocations: readonly CodeSpot[], shapes: ReadonlyMap<FnFact, RecursionShape>,
): Estimate {
  const reasons = [
    ...structures.map((s) => `the ${s.kind}${s.name ? ` ${s.name}` : ''} (line ${s.line})`),
    ...allocations.map((a) => `\`${a.text}\` (line ${a.line})`),
    ...[...shapes].filter(([, shape]) => shape !== 'halving')
      .map(([fn]) => `the call stack of ${fn.info.name}, up to n deep (line ${fn.selfCalls[0].line})`),
  ];
  if (reasons.length > 0) {
    const more = reasons.length > 2 ? ` and ${reasons.length - 2} more` : '';
    return { bigO: 'O(n)', because: `extra space grows with the input: ${reasons.slice(0, 2).join(', ')}${more}` };
  }
  const halving = [...shapes].find(([, shape]) => shape === 'halving');
  if (halving) return { bigO: 'O(log n)', because: `the call stack of ${halving[0].info.name} is log n deep (line ${halving[0].selfCalls[0].line})` };
  return { bigO: 'O(1)', because: 'only a few variables: nothing allocated grows with the input' };
}
