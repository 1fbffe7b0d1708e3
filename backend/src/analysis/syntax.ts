// Reading names, parameters and iterated collections off tree-sitter nodes, for the two grammar families we load.
// TypeScript's grammar extends JavaScript's, so they share the 'js' family.
import type { Node } from 'web-tree-sitter';
import { halvesEachPass, worklistTested } from './signals';
import { bracketed, conditionAt, forClausesAt } from './sourceText';
import type { LoopKind } from './types';

export type Family = 'js' | 'py';

const IDENT = /^[A-Za-z_$][\w$]*/;
/** The variable a piece of code starts from: `nums` for `nums.length`, `graph` for `graph[node]`. */
export const baseName = (text: string): string | null => IDENT.exec(text.trim())?.[0] ?? null;

const field = (node: Node, name: string): Node | null => node.childForFieldName(name);
const named = (node: Node): Node[] => node.namedChildren.filter((child) => child.type !== 'comment');

// Where an anonymous function takes the name it is bound to; a lambda passed as `key=` is not named `key`
const BINDINGS = new Set(['variable_declarator', 'assignment_expression', 'assignment', 'pair', 'public_field_definition', 'field_definition']);

/** The name a function is known by: its own, or the variable, property or key it is assigned to. */
export function functionName(node: Node): string | null {
  const own = field(node, 'name');
  if (own) return own.text;
  const parent = node.parent;
  if (!parent || !BINDINGS.has(parent.type)) return null;
  const target = field(parent, 'name') ?? field(parent, 'property') ?? field(parent, 'key') ?? field(parent, 'left');
  if (!target || target.id === node.id) return null;
  // `this.solve = () => ...` and `exports.solve = ...` are known as `solve`
  return target.type === 'member_expression' ? field(target, 'property')?.text ?? null : baseName(target.text);
}

export interface Param {
  name: string;
  /** `memo = {}` is the function's own cache, not input an edge-case guard is about. */
  defaulted: boolean;
}

/** Splits at commas outside brackets: `a, b: Map<K, V> = new Map(), ...rest`. `=>` does not close a `<`. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && text[i - 1] !== '=')) depth--;
    else if (ch === ',' && depth === 0) { parts.push(text.slice(from, i)); from = i + 1; }
  }
  return [...parts, text.slice(from)].map((p) => p.trim()).filter((p) => p !== '' && p !== '*' && p !== '/');
}

/** Parameters from a parameter list's text (`nums: number[], k = 2, ...rest`); destructured ones keep their pattern. */
export function paramsFromText(list: string, family: Family): Param[] {
  const text = list.replace(/\/\*[\s\S]*?\*\/|(?:\/\/|#)[^\n]*/g, '').trim().replace(/^\(([\s\S]*)\)$/, '$1');
  const params = topLevelParts(text).map((part) => {
    const bare = part.replace(/^(\.\.\.|\*\*?)/, '');
    const pattern = /^[[{]/.test(bare) ? bracketed(bare, 0) : null; // `{ a, b }: Props = {}` is named `{ a, b }`
    const name = pattern !== null ? `${bare[0]}${pattern}${bare[0] === '[' ? ']' : '}'}` : /^[A-Za-z_$][\w$]*/.exec(bare)?.[0] ?? bare;
    return { name, defaulted: /(^|[^=!<>])=(?![=>])/.test(bare) };
  }).filter((p) => p.name !== 'this');
  // `self`/`cls` are how Python spells the receiver, not input the candidate reasons about
  return family === 'py' && /^(self|cls)$/.test(params[0]?.name ?? '') ? params.slice(1) : params;
}

/** Parameters read off the tree: for shapes the source readers don't recognise. */
export function functionParams(node: Node, family: Family, source: string): Param[] {
  const list = field(node, 'parameters') ?? field(node, 'parameter'); // `x => ...` has a lone `parameter`
  return list ? paramsFromText(source.slice(list.startIndex, list.endIndex), family) : [];
}

export interface CallShape {
  /** `sorted` in `sorted(x)`; null for method calls. */
  callee: string | null;
  /** `nums` and `push` in `nums.push(x)`; null for plain calls. */
  receiver: string | null;
  method: string | null;
}

/** Reads a call's callee once: every classification of the call works from this. */
export function readCall(call: Node): CallShape {
  const callee = field(call, 'function');
  if (callee?.type === 'identifier') return { callee: callee.text, receiver: null, method: null };
  if (callee?.type !== 'member_expression' && callee?.type !== 'attribute') return { callee: null, receiver: null, method: null };
  const property = field(callee, 'property') ?? field(callee, 'attribute');
  return { callee: null, receiver: field(callee, 'object')?.text ?? null, method: property?.text ?? null };
}

// `nums.push(`, `fib(`, `new Map<number, number>(`, `self.helper(` read straight off the source text
const CALLEE = /(?:new\s+)?((?:[A-Za-z_$][\w$]*\s*\.\s*)*)([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*\(/y;

/**
 * The callee of the call starting at `index`, read from the source without asking the tree (each node property is
 * a round trip into WASM). Null when the callee is not a plain dotted name; then use readCall.
 */
export function calleeAt(source: string, index: number): CallShape | null {
  CALLEE.lastIndex = index;
  const m = CALLEE.exec(source);
  if (!m) return null;
  const receiver = m[1].replace(/\s+/g, '').replace(/\.$/, '');
  return receiver ? { callee: null, receiver, method: m[2] } : { callee: m[2], receiver: null, method: null };
}

const BINDING = /(?:this\.|self\.)?([A-Za-z_$][\w$]*)[^=\n;]*?=(?![=>])[ \t]*([^\n]*)/y;

/** `seen = {}` / `const n: number = nums.length;` at `index`: the bound name, the value's first line and its offset. */
export function bindingAt(source: string, index: number): { name: string; value: string; valueStart: number } | null {
  BINDING.lastIndex = index;
  const m = BINDING.exec(source);
  return m ? { name: m[1], value: m[2].replace(/;\s*$/, '').trim(), valueStart: BINDING.lastIndex - m[2].length } : null;
}

/** `fib` for `fib(n)`, `this.fib(n)` and `self.fib(n)`: the name a self-call is made by. */
export const ownName = (call: CallShape): string | null =>
  call.callee ?? (call.receiver && /^(this|self|cls)$/.test(call.receiver) ? call.method : null);

export function callArgs(call: Node): Node[] {
  const list = field(call, 'arguments');
  return list ? named(list) : [];
}

export interface Iterated {
  /** What the header walks, as written: `nums`, `graph[node]`. */
  text: string | null;
  /** A literal collection or a numeric bound: the loop runs a fixed number of times. */
  constant: boolean;
}

const NONE: Iterated = { text: null, constant: false };
const LITERAL_COLLECTION = /^(array|list|tuple|string|set|number|integer)$/;

/** Python's iterable expression: `nums`, `range(len(nums))`, `enumerate(nums)`, `d.items()`, `nums[1:]`. */
function pyIterable(node: Node): Iterated {
  if (LITERAL_COLLECTION.test(node.type)) return { text: null, constant: true };
  if (node.type === 'identifier') return { text: node.text, constant: false };
  if (node.type === 'subscript') {
    const value = field(node, 'value');
    const sliced = named(node).some((c) => c.type === 'slice');
    return { text: sliced && value ? value.text : node.text, constant: false };
  }
  if (node.type !== 'call') return { text: node.text, constant: false };
  const fn = field(node, 'function')?.text ?? '';
  const args = callArgs(node);
  if (fn === 'range') {
    const stop = args.length >= 2 ? args[1] : args[0];
    if (!stop) return NONE;
    if (stop.type === 'integer') return { text: null, constant: true };
    const len = /\blen\(\s*([\w.[\]]+)\s*\)/.exec(stop.text);
    return { text: len ? len[1] : baseName(stop.text), constant: false };
  }
  if (/^(enumerate|reversed|sorted|list|zip|set|iter)$/.test(fn) && args[0]) return pyIterable(args[0]);
  const { receiver } = readCall(node);
  return { text: receiver ?? node.text, constant: false };
}

/** JavaScript's `for (... of/in X)` right-hand side: `nums`, `Object.keys(m)`, `map.entries()`. */
function jsIterable(node: Node): Iterated {
  if (LITERAL_COLLECTION.test(node.type)) return { text: null, constant: true };
  const wrapped = /^Object\.(?:keys|values|entries)\(\s*([^)]+)\)$/.exec(node.text);
  if (wrapped) return { text: wrapped[1].trim(), constant: false };
  const receiver = node.type === 'call_expression' ? readCall(node).receiver : null;
  return { text: receiver ?? node.text, constant: false };
}

/** A C-style loop's collection: `nums` for `i < nums.length` or `i = nums.length - 1`; the bound `n` for `i < n`. */
function jsCountedIterable(condition: string, initializer: string): Iterated {
  const length = /([\w$.[\]]+?)\.(?:length|size)\b/.exec(condition) ?? /([\w$.[\]]+?)\.(?:length|size)\b/.exec(initializer);
  if (length) return { text: length[1], constant: false };
  const bound = /(?:<=?|>=?|!==?)\s*([\w$]+)\s*$/.exec(condition.trim());
  if (!bound) return NONE;
  return /^\d+$/.test(bound[1]) ? { text: null, constant: true } : { text: bound[1], constant: false };
}

/** The collection a `while` condition tests: `queue` in `while (queue.length)`, `nums` in `i < len(nums)`. */
function whileIterable(condition: string): Iterated {
  const found = /([\w$.]+?)\.(?:length|size)\b/.exec(condition) ?? /\blen\(\s*([\w.]+)\s*\)/.exec(condition);
  return found ? { text: found[1], constant: false } : NONE;
}

export interface LoopHeader {
  kind: LoopKind;
  iterated: Iterated;
  halving: boolean;
  /** The worklist a `while` drains (`queue`), when it drains one. */
  worklist: string | null;
  /** Code before this offset runs once, not every pass: the `nums[1:]` in `for x in nums[1:]`. */
  bodyStart: number;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** The loops a node opens (a comprehension opens one per `for` clause), read off the header; [] for other nodes. */
export function loopHeaders(node: Node, type: string, family: Family, source: string): LoopHeader[] {
  const text = (name: string): string => field(node, name)?.text ?? '';
  const iterableOf = (holder: Node): Iterated => {
    const right = field(holder, 'right');
    return !right ? NONE : family === 'py' ? pyIterable(right) : jsIterable(right);
  };
  switch (type) {
    case 'for_statement': {
      if (family === 'py') {
        const bodyStart = field(node, 'body')?.startIndex ?? node.startIndex;
        return [{ kind: 'for-in', iterated: iterableOf(node), halving: false, worklist: null, bodyStart }];
      }
      const clauses = forClausesAt(source, node.startIndex)
        ?? { initializer: text('initializer'), condition: text('condition'), increment: text('increment') };
      return [{
        kind: 'for', iterated: jsCountedIterable(clauses.condition, clauses.initializer),
        halving: halvesEachPass(clauses.increment), worklist: null, bodyStart: node.startIndex, // the condition runs every pass
      }];
    }
    case 'for_in_statement': {
      const bodyStart = field(node, 'body')?.startIndex ?? node.startIndex;
      return [{ kind: text('operator') === 'in' ? 'for-in' : 'for-of', iterated: iterableOf(node), halving: false, worklist: null, bodyStart }];
    }
    case 'while_statement':
    case 'do_statement': {
      const condition = conditionAt(source, node.startIndex, family === 'py') ?? text('condition');
      const worklist = worklistTested(condition);
      const iterated = whileIterable(condition);
      return [{
        kind: type === 'do_statement' ? 'do-while' : 'while', iterated: iterated.text || !worklist ? iterated : { text: worklist, constant: false },
        halving: halvesEachPass(source.slice(node.startIndex, node.endIndex)), worklist, bodyStart: node.startIndex,
      }];
    }
    default:
      if (!COMPREHENSIONS.has(type)) return [];
      return named(node).filter((c) => c.type === 'for_in_clause').map((clause) => (
        { kind: 'comprehension', iterated: iterableOf(clause), halving: false, worklist: null, bodyStart: node.startIndex }
      ));
  }
}
