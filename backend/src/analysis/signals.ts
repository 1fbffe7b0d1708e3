// Text patterns read off small, already-located nodes (a condition, a loop header, a function's body): the parser
// finds where to look, these decide what an interviewer would call it. Both grammar families' spellings are covered.
import type { EdgeCaseKind } from './types';

const HALF = String.raw`(?:\/\/?\s*2|>>>?\s*1)\b`;
/** `mid = (lo + hi) // 2`, `const mid = lo + ((hi - lo) >> 1)`: a binary search's probe (or a heap's sift-up). */
const MID_ASSIGN = new RegExp(String.raw`\b(?:mid|middle|m|pivot|half|parent)\w*\s*(?::[^=\n]+)?=(?!=)[^;\n]*${HALF}`, 'i');
/** `n //= 10`, `x >>= 1`, `n = Math.floor(n / 2)`: the loop variable shrinks by a factor each pass. */
const SHRINK = /(?:\/\/=|\/=)\s*\d+\b|>>>?=\s*\d+\b|\b(\w+)\s*=\s*(?:Math\.(?:floor|trunc)\(\s*)?\1\s*(?:\/\/?|>>>?)\s*\d+\b/;
const DOUBLING = /\*=\s*\d+\b|<<=\s*\d+\b|\b(\w+)\s*=\s*\1\s*\*\s*\d+\b/;

/** A `while` loop (or a C-style loop's step) that halves the range or doubles a counter: O(log n) passes. */
export const halvesEachPass = (code: string): boolean =>
  MID_ASSIGN.test(code) || SHRINK.test(code) || DOUBLING.test(code);

/** Iterables that are one node's neighbours rather than the whole input: `graph[node]`, `adj.get(u)`, `node.children`. */
export const looksLikeAdjacency = (iterable: string): boolean =>
  /\w\s*\[[^\]]+\]\s*(\|\|.*|or .*)?$|\.get\(|\.(children|neighbou?rs|edges)\b|\b(graph|adj\w*|neighbou?rs|edges)\b/i.test(iterable);

/** `while (queue.length)`, `while q:`, `while stack and ...`: a loop that drains a worklist. */
export function worklistTested(condition: string): string | null {
  const text = condition.trim().replace(/^\((.*)\)$/s, '$1').trim();
  const js = /^([A-Za-z_$][\w$]*)\.(?:length|size)\b(?!\s*(?:<|===?\s*0))/.exec(text);
  const py = /^(?:len\(\s*)?([A-Za-z_]\w*)\)?(?:\s*(?:>|!=)\s*0)?(?:\s+(?:and|or)\b.*)?$/.exec(text);
  return js?.[1] ?? (py && !/^(not|True|true)$/.test(py[1]) ? py[1] : null);
}

/** Decorators like `@lru_cache` / `@cache`, or a cache consulted and then filled inside the function. */
export function memoizes(fnText: string, decorators: string): boolean {
  if (/\b(lru_cache|cache)\b/.test(decorators)) return true;
  const looked = new Set<string>();
  const lookups = /\b(\w+)\.has\(|\bif\b[^:\n]*?\bin\s+(\w+)|\b(\w+)\[[^\]]+\]\s*(?:!==?|is\s+not)\s*(?:undefined|None|null|-1)\b|\b(\w+)\.get\([^)]*\)\s*(?:!==?|\?\?)/g;
  for (const m of fnText.matchAll(lookups)) looked.add(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return [...looked].some((name) => new RegExp(String.raw`\b${name}\.set\(|\b${name}\[[^\]]+\]\s*=(?!=)`).test(fnText));
}

/** A visited set, or a grid cell overwritten to mark it seen: each node or cell is expanded once. */
export const marksVisited = (fnText: string): boolean =>
  /\b(visited|seen|vis|explored)\b/i.test(fnText) || /\]\s*\[[^\]]+\]\s*=(?!=)\s*(?:['"][^'"]*['"]|0|-1|true|false|True|False)/.test(fnText);

/** Recursing on part of the input: `mid`, slices, `/ 2`. */
export const halvedArgument = (args: string): boolean => /\bmid\w*\b|\bslice\(|\[[^\]]*:[^\]]*\]|(?:\/\/?\s*2|>>\s*1)\b/.test(args);

/** Recursing on a node's children: `node.left`, `root.right`, `child`, `nei`. */
export const structuralArgument = (args: string): boolean =>
  /\.(left|right|next|children|child)\b|\b(child|children|nei|neighbou?r|next_node|nxt)\w*\b/i.test(args);

const ID = String.raw`([A-Za-z_$][\w$]*)`;
const GUARDS: ReadonlyArray<readonly [EdgeCaseKind, RegExp]> = [
  ['single-element', new RegExp(String.raw`^${ID}\.length\s*(?:===?\s*1|<\s*2|<=\s*1)$`)],
  ['single-element', new RegExp(String.raw`^len\(\s*${ID}\s*\)\s*(?:==\s*1|<\s*2|<=\s*1)$`)],
  ['empty-input', new RegExp(String.raw`^!\s*${ID}(?:\.(?:length|size))?$`)],
  ['empty-input', new RegExp(String.raw`^${ID}\.(?:length|size)\s*(?:===?\s*0|<\s*1|<=\s*0)$`)],
  ['empty-input', new RegExp(String.raw`^${ID}\s*===?\s*(?:null|undefined|''|""|\[\])$`)],
  ['empty-input', new RegExp(String.raw`^not\s+${ID}$`)],
  ['empty-input', new RegExp(String.raw`^len\(\s*${ID}\s*\)\s*(?:==\s*0|<\s*1|<=\s*0)$`)],
  ['empty-input', new RegExp(String.raw`^${ID}\s+is\s+None$|^${ID}\s*==\s*(?:\[\]|''|"")$`)],
];
const DUPLICATES = [
  /(\w+)\[\s*(\w+)\s*\]\s*={2,3}\s*\1\[\s*\2\s*[-+]\s*1\s*\]/,
  /(\w+)\[\s*(\w+)\s*[-+]\s*1\s*\]\s*={2,3}\s*\1\[\s*\2\s*\]/,
  /new Set\(\s*\w+\s*\)\.size|\blen\(\s*set\(\s*\w+\s*\)\s*\)/,
];

const stripParens = (text: string): string => {
  let t = text.trim();
  while (/^\(.*\)$/s.test(t)) t = t.slice(1, -1).trim();
  return t;
};

/**
 * Edge cases a condition guards against. Empty/single-element guards count only on the function's own inputs
 * (`params`), so `if (!seen.has(x))` is not mistaken for an empty-input check; null means top-level code.
 */
export function guardedEdgeCases(condition: string, params: readonly string[] | null): EdgeCaseKind[] {
  const found = new Set<EdgeCaseKind>();
  for (const clause of stripParens(condition).split(/\|\||&&|\bor\b|\band\b/)) {
    const text = stripParens(clause);
    for (const [kind, pattern] of GUARDS) {
      const m = pattern.exec(text);
      const name = m?.slice(1).find((g) => g !== undefined);
      if (name && (params === null || params.includes(name))) { found.add(kind); break; }
    }
  }
  if (checksDuplicates(condition)) found.add('duplicates');
  return [...found];
}

/** Skipping equal neighbours in sorted input, or comparing a set's size with the input's. */
export const checksDuplicates = (code: string): boolean => DUPLICATES.some((pattern) => pattern.test(code));
