// What the analyzer tells the interviewer about a candidate's buffer. Lines are 1-based, as the candidate sees them.

export type AnalyzedLanguage = 'javascript' | 'typescript' | 'python';

/** Big-O in the usual spelling: 'O(1)', 'O(log n)', 'O(n)', 'O(n log n)', 'O(n^2)', 'O(n^3)', 'O(2^n)'. */
export type BigO = `O(${string})`;

export interface Estimate {
  bigO: BigO;
  /** One sentence an interviewer could say, citing the lines that decide it. */
  because: string;
}

export interface FunctionInfo {
  name: string;
  params: string[];
  startLine: number;
  endLine: number;
}

/** `callback` is an iterating method such as `nums.forEach(...)` or `arr.map(...)`. */
export type LoopKind = 'for' | 'for-of' | 'for-in' | 'while' | 'do-while' | 'comprehension' | 'callback';

/** How often a loop runs as the input grows: what it multiplies the loops around it by. */
export type LoopBound = 'input' | 'halving' | 'constant' | 'amortized';

export interface LoopInfo {
  kind: LoopKind;
  line: number;
  endLine: number;
  /** 1 for an outermost loop, 2 for a loop inside it, and so on. */
  depth: number;
  /** The collection walked (`nums` for `for (const x of nums)` or `range(len(nums))`), when the header names one. */
  iterates: string | null;
  bound: LoopBound;
}

/**
 * linear: one self-call on a smaller input (n - 1); halving: one self-call on half (binary search);
 * divide-and-conquer: two calls on halves (merge sort); traversal: each node or cell once (tree/graph DFS);
 * memoized: each state once through a cache; branching: two or more calls per call without a cache.
 */
export type RecursionShape = 'linear' | 'halving' | 'divide-and-conquer' | 'traversal' | 'memoized' | 'branching';

export interface RecursionInfo {
  function: string;
  /** Lines of the self-calls. */
  calls: number[];
  shape: RecursionShape;
}

export interface CodeSpot {
  line: number;
  text: string;
}

export type StructureKind = 'map' | 'set' | 'object-map' | 'stack' | 'queue' | 'deque' | 'heap';

export interface StructureUse {
  kind: StructureKind;
  /** The variable holding it, when there is one. */
  name: string | null;
  line: number;
}

export interface EarlyReturn {
  line: number;
  function: string | null;
  inLoop: boolean;
}

export type EdgeCaseKind = 'empty-input' | 'single-element' | 'duplicates';

export interface EdgeCaseGuard {
  kind: EdgeCaseKind;
  line: number;
  /** The condition as written. */
  text: string;
}

/** Shared by every call that sees the same parse (an unchanged or stale buffer): treat it as read-only. */
export interface ParsedAnalysis {
  supported: true;
  language: AnalyzedLanguage;
  /** True when the buffer does not parse right now and this describes the last version of it that did. */
  stale: boolean;
  /** Lines of the current buffer with syntax errors; empty when it parses. */
  syntaxErrorLines: number[];
  functions: FunctionInfo[];
  loops: LoopInfo[];
  maxLoopDepth: number;
  recursion: RecursionInfo[];
  sorts: CodeSpot[];
  /** Linear work hidden in one expression: `includes`, `indexOf`, `x in list`, slicing, `max(nums)`. */
  scans: CodeSpot[];
  structures: StructureUse[];
  earlyReturns: EarlyReturn[];
  edgeCases: EdgeCaseGuard[];
  time: Estimate;
  space: Estimate;
}

/** For languages without a grammar here: what indentation and keywords alone can tell. */
export interface LineAnalysis {
  supported: false;
  reason: string;
  language: string;
  functions: Array<{ name: string | null; line: number }>;
  loops: Array<{ keyword: string; line: number; depth: number }>;
  maxLoopDepth: number;
}

export type CodeAnalysis = ParsedAnalysis | LineAnalysis;
