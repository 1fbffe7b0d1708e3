// One pass over the syntax nodes that matter (functions, loops, calls, conditions, bindings), gathering the facts
// the estimates are made from.
import type { Node, Tree } from 'web-tree-sitter';
import type { CostFact, Facts, FnFact, LoopFact } from './facts';
import { checksDuplicates, guardedEdgeCases } from './signals';
import {
  baseName, bindingAt, calleeAt, callArgs, functionName, functionParams, loopHeaders, ownName, paramsFromText, readCall, type CallShape,
  type Family, type LoopHeader,
} from './syntax';
import { anonymousParamsAt, bodyIndent, closesFunction, conditionAt, declarationAt, decoratorsAbove, lineIndex } from './sourceText';
import type { CodeSpot, LoopInfo, StructureKind } from './types';
import { classifyCall, classifyValue } from './vocabulary';

const FUNCTIONS: Readonly<Record<Family, ReadonlySet<string>>> = {
  js: new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'arrow_function', 'method_definition']),
  py: new Set(['function_definition', 'lambda']),
};
/** Functions that declare their own name, which the source shows right at the node's start. */
const DECLARATIONS = new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'function_definition']);
const LOOPS = new Set([
  'for_statement', 'for_in_statement', 'while_statement', 'do_statement',
  'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
]);
/** Every node type a handler reads, per grammar family. */
const SELECTED: Readonly<Record<Family, readonly string[]>> = {
  js: [
    ...FUNCTIONS.js, 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'call_expression', 'new_expression',
    'return_statement', 'if_statement', 'variable_declarator', 'assignment_expression', 'update_expression',
    'augmented_assignment_expression', 'spread_element',
  ],
  py: [
    ...FUNCTIONS.py, 'for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension',
    'generator_expression', 'call', 'return_statement', 'if_statement', 'elif_clause', 'assignment', 'augmented_assignment',
    'comparison_operator', 'subscript',
  ],
};
const CALLBACK_LOOPS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'flatMap']);
const JS_HEAP_METHODS = /^(push|pop|enqueue|dequeue|offer|poll|insert|extract\w*)$/;

interface Scope {
  fact: FnFact | null;
  startIndex: number;
  endIndex: number;
  bodyIndent?: number;
}

const line = (node: Node): number => node.startPosition.row + 1;
/** Array.prototype.findLast, which the backend's ES2022 lib does not declare. */
function last<T>(items: readonly T[], test: (item: T) => boolean): T | null {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return items[i];
  return null;
}
const unthis = (text: string): string | null => baseName(text.replace(/^(this|self)\./, ''));

/**
 * Gathers the facts of `tree`, parsed from `source`. Text is read from `source` by the nodes' start offsets where a
 * line is enough: every property read off a node is a round trip into WASM, and a 5,000-line buffer has thousands.
 */
export function collectFacts(tree: Tree, family: Family, source: string): Facts {
  const facts: Facts = {
    family, functions: [], loops: [], costs: [], structures: [], allocations: [], earlyReturns: [], edgeCases: [],
    aliases: new Map(), constants: new Set(), lists: new Map(), methods: new Map(), membership: [], heapOps: [],
  };
  const scopes: Scope[] = [];
  const loops: LoopFact[] = [];
  const namedFn = (): FnFact | null => last(scopes, (s) => s.fact !== null)?.fact ?? null;
  const field = (node: Node, name: string): string => node.childForFieldName(name)?.text ?? '';
  /** The innermost loop whose repeated part holds `node`: a loop's iterable expression runs once. */
  const loopAround = (node: Node): LoopFact | null => last(loops, (l) => node.startIndex >= l.bodyStart);
  const lineOf = lineIndex(source);
  const lineAt = (node: Node): string => {
    const end = source.indexOf('\n', node.startIndex);
    return source.slice(node.startIndex, end < 0 ? source.length : end);
  };
  const spot = (node: Node): CodeSpot => ({ line: line(node), text: source.slice(node.startIndex, node.endIndex).split('\n')[0].trim().slice(0, 120) });

  function pushLoop(node: Node, header: LoopHeader): void {
    const parent = loopAround(node);
    let depth = 1;
    for (let up = parent; up; up = up.parent) depth++;
    const endIndex = node.endIndex;
    const info: LoopInfo = { kind: header.kind, line: line(node), endLine: lineOf(endIndex), depth, iterates: header.iterated.text, bound: 'input' };
    const { iterated, halving, worklist, bodyStart } = header;
    const loop: LoopFact = {
      info, parent, fn: namedFn(), iterated, halving, worklist, bodyStart, endIndex, assigned: new Set(), stepped: new Set(), popped: new Set(),
    };
    facts.loops.push(loop);
    loops.push(loop);
  }

  function addCost(kind: CostFact['kind'], node: Node): CostFact {
    const cost = { kind, spot: spot(node), loop: loopAround(node), fn: namedFn() };
    facts.costs.push(cost);
    return cost;
  }

  const addStructure = (kind: StructureKind, node: Node, name: string | null): void => {
    facts.structures.push({ kind, name, line: line(node) });
  };

  /** The latest binding, so `const seen = new Map()` names the Map without asking the call node for its parent. */
  let bound: { name: string; valueStart: number } | null = null;

  function onBinding(node: Node, valueField: 'value' | 'right'): void {
    const binding = bindingAt(source, node.startIndex);
    if (!binding) return;
    bound = binding;
    for (const loop of loops) loop.assigned.add(binding.name);
    const alias = /^([\w$.]+?)\.length$/.exec(binding.value) ?? /^len\(\s*([\w.]+)\s*\)$/.exec(binding.value);
    if (alias) facts.aliases.set(binding.name, alias[1]);
    if (!/^[[{(]/.test(binding.value)) return; // only literals say more: calls are read at the call
    const value = node.childForFieldName(valueField);
    const kind = value && classifyValue(value);
    if (!value || !kind) return;
    if (kind === 'list' || kind === 'constant') facts.lists.set(binding.name, line(value));
    if (kind === 'constant') facts.constants.add(binding.name);
    else if (kind === 'allocation') facts.allocations.push(spot(value));
    else if (kind !== 'list') addStructure(kind, value, binding.name);
  }

  /** The variable a constructed value goes into: the binding it starts, else its parent's target (`memo = new Map()`). */
  function boundNameOf(node: Node): string | null {
    if (bound?.valueStart === node.startIndex) return bound.name;
    const target = node.parent?.childForFieldName('left') ?? node.parent?.childForFieldName('name');
    return target ? unthis(target.text) : null;
  }

  function onCall(node: Node, type: string, chained: boolean): void {
    // `nums.slice(1).map(f)` starts where its inner call does: only the tree can tell which callee is whose
    const call: CallShape = (!chained && calleeAt(source, node.startIndex)) || (type === 'new_expression'
      ? { callee: node.childForFieldName('constructor')?.text ?? null, receiver: null, method: null } : readCall(node));
    const fn = namedFn();
    if (fn && ownName(call) === fn.info.name) {
      const loop = loopAround(node);
      fn.selfCalls.push({ node, line: line(node), args: field(node, 'arguments'), loop: loop?.fn === fn ? loop : null });
    }
    const receiver = call.receiver === null ? null : unthis(call.receiver) ?? call.receiver;
    if (family === 'js' && call.method !== null && CALLBACK_LOOPS.has(call.method)) {
      pushLoop(node, { kind: 'callback', iterated: { text: receiver, constant: false }, halving: false, worklist: null, bodyStart: node.startIndex });
      // An inline callback's body runs inside this loop; `nums.map(Number)` is a loop with nothing nested
      if (!/^(arrow_function|function_expression)$/.test(callArgs(node)[0]?.type ?? '')) loops.pop();
      return;
    }
    if (family === 'js' && call.method !== null && JS_HEAP_METHODS.test(call.method)) {
      facts.heapOps.push({ name: receiver, cost: addCost('heap', node) });
    }
    const seen = classifyCall(node, call, family);
    if (seen?.kind === 'sort' || seen?.kind === 'scan') addCost(seen.kind, node);
    else if (seen?.kind === 'allocation') facts.allocations.push(spot(node));
    else if (seen?.kind === 'heap-op') {
      addStructure('heap', node, seen.detail);
      facts.heapOps.push({ name: seen.detail, cost: addCost('heap', node) });
    } else if (seen?.kind === 'structure') {
      addStructure(seen.structure, node, seen.detail ?? boundNameOf(node));
    } else if (seen?.kind === 'container-method' && receiver !== null) {
      const entry = facts.methods.get(receiver) ?? { line: line(node), calls: new Set<string>() };
      entry.calls.add(seen.detail);
      facts.methods.set(receiver, entry);
      if (/^(pop|pop0|shift|popleft)$/.test(seen.detail)) loopAround(node)?.popped.add(receiver);
    }
  }

  function onReturn(node: Node): void {
    const text = lineAt(node);
    if (checksDuplicates(text)) facts.edgeCases.push({ kind: 'duplicates', line: line(node), text: text.trim() });
    const scope = scopes.at(-1);
    if (!scope) return;
    scope.bodyIndent ??= bodyIndent(source, scope.startIndex, scope.endIndex);
    const fn = { startIndex: scope.startIndex, endIndex: scope.endIndex, bodyIndent: scope.bodyIndent };
    if (closesFunction(source, node.startIndex, node.endIndex, fn)) return; // the closing return is not early
    const loop = loopAround(node);
    facts.earlyReturns.push({ line: line(node), function: namedFn()?.info.name ?? null, inLoop: !!loop && loop.fn === namedFn() });
  }

  function onCondition(node: Node, loopCondition: boolean): void {
    const condition = (conditionAt(source, node.startIndex, family === 'py') ?? node.childForFieldName('condition')?.text)?.trim();
    if (!condition) return;
    for (const kind of guardedEdgeCases(condition, namedFn()?.inputs ?? null)) {
      if (!loopCondition || kind === 'duplicates') facts.edgeCases.push({ kind, line: line(node), text: condition });
    }
  }

  function onFunction(node: Node, type: string): void {
    const declared = DECLARATIONS.has(type) ? declarationAt(source, node.startIndex) : null;
    const name = declared ? declared.name : functionName(node);
    const paramText = declared ? declared.params : anonymousParamsAt(source, node.startIndex);
    const params = paramText === null ? functionParams(node, family, source) : paramsFromText(paramText, family);
    const endIndex = node.endIndex;
    const fact = name ? {
      info: { name, params: params.map((p) => p.name), startLine: line(node), endLine: lineOf(endIndex) },
      node, decorators: family === 'py' ? decoratorsAbove(source, node.startIndex) : '', inputs: params.filter((p) => !p.defaulted).map((p) => p.name), selfCalls: [],
    } : null;
    if (fact) facts.functions.push(fact);
    scopes.push({ fact, startIndex: node.startIndex, endIndex });
  }

  function onStep(node: Node): void {
    const step = /^([\w$.]+)\s*(?:\+\+|--|[-+]=\s*1\b)|^(?:\+\+|--)\s*([\w$.]+)/.exec(lineAt(node));
    const name = step?.[1] ?? step?.[2];
    if (name) loopAround(node)?.stepped.add(name);
  }

  function enter(type: string, node: Node, chained: boolean): void {
    if (FUNCTIONS[family].has(type)) return onFunction(node, type);
    if (LOOPS.has(type)) {
      if (type === 'while_statement' || type === 'do_statement') onCondition(node, true);
      for (const header of loopHeaders(node, type, family, source)) pushLoop(node, header);
      return;
    }
    switch (type) {
      case 'call_expression': case 'call': case 'new_expression': return onCall(node, type, chained);
      case 'return_statement': return onReturn(node);
      case 'if_statement': case 'elif_clause': return onCondition(node, false);
      case 'variable_declarator': return onBinding(node, 'value');
      case 'assignment_expression': case 'assignment': return onBinding(node, 'right');
      case 'update_expression': case 'augmented_assignment_expression': case 'augmented_assignment': return onStep(node);
      case 'comparison_operator': {
        const right = node.lastNamedChild;
        if (/\bin\b/.test(lineAt(node)) && node.children.some((c) => c.type === 'in' || c.type === 'not in') && right?.type === 'identifier') {
          facts.membership.push({ name: right.text, cost: addCost('scan', node) });
        }
        return;
      }
      case 'subscript': // a slice copies: O(k) time and space
        if (/:/.test(lineAt(node)) && node.namedChildren.some((c) => c.type === 'slice')) { addCost('scan', node); facts.allocations.push(spot(node)); }
        return;
      case 'spread_element': // `[...nums]` copies; `Math.max(...nums)` walks; `...arr.slice(i)` is counted at the slice
        if (node.firstNamedChild?.type === 'call_expression') return;
        if (node.parent?.type === 'array') { addCost('scan', node); facts.allocations.push(spot(node)); }
        else if (/^Math\.(max|min)\b/.test(node.parent?.parent?.text ?? '')) addCost('scan', node);
    }
  }

  // tree-sitter finds the node types we read in one native pass, in document order (parents before children); the
  // loops and functions enclosing a node are then the open frames that end after it starts
  const nodes = tree.rootNode.descendantsOfType([...SELECTED[family]]);
  nodes.forEach((node, i) => {
    while (loops.length > 0 && (loops.at(-1)?.endIndex ?? 0) <= node.startIndex) loops.pop();
    while (scopes.length > 0 && (scopes.at(-1)?.endIndex ?? 0) <= node.startIndex) scopes.pop();
    const type = node.type;
    if (type === 'lambda' && !node.isNamed) return; // the keyword shares the node's name
    enter(type, node, nodes[i + 1]?.startIndex === node.startIndex);
  });
  // `queue = [(0, 0)]` starts as a literal but grows: only collections nobody pushes to stay constant
  for (const receiver of facts.methods.keys()) facts.constants.delete(receiver);
  return facts;
}
