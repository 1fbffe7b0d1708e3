// Reading small things (a declared name, a parameter list, a `for` header, a line number) straight from the source
// text at a node's start offset. Every property read off a tree-sitter node is a round trip into WASM; a 5,000-line
// buffer has thousands of nodes, so where the text is unambiguous it is read here, and the tree is the fallback.

/** 1-based line of any offset, by binary search over the line starts. */
export function lineIndex(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
}

const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Offset of the quote closing the string that opens at `open` (escapes honoured), or -1. */
function stringEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === source[open]) return i;
  }
  return -1;
}

/**
 * Scans from `from` and returns the offset where `stop` says to stop at bracket depth 0 (strings skipped), or -1.
 * With `from` on an opening bracket and no `stop`, that is the offset of its matching closer.
 */
function scan(source: string, from: number, stop?: (ch: string) => boolean): number {
  const stack: string[] = [];
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (stack.length === 0 && stop?.(ch)) return i;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = stringEnd(source, i);
      if (i < 0) return -1;
    } else if (CLOSER[ch]) stack.push(CLOSER[ch]);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0 && !stop) return i;
    } else if (')]}'.includes(ch)) return -1; // unbalanced: a half-typed buffer
  }
  return -1;
}

/** The text inside the bracket opening at `open`, up to its match; null if it never closes. */
export function bracketed(source: string, open: number): string | null {
  const close = scan(source, open);
  return close < 0 ? null : source.slice(open + 1, close);
}

/** The condition of `if (...)` / `while (...)` or Python's `if ...:` / `elif ...:` / `while ...:` at `index`. */
export function conditionAt(source: string, index: number, python: boolean): string | null {
  const keyword = /(?:if|elif|while)\b\s*/y;
  keyword.lastIndex = index;
  if (!keyword.exec(source)) return null;
  if (!python) return source[keyword.lastIndex] === '(' ? bracketed(source, keyword.lastIndex) : null;
  const colon = scan(source, keyword.lastIndex, (ch) => ch === ':' || ch === '\n');
  return colon < 0 || source[colon] !== ':' ? null : source.slice(keyword.lastIndex, colon).trim();
}

// A declaration's own name: `function twoSum(`, `async def dfs(`, `static *walk(`, `get size(`
const DECLARED = /(?:(?:export|default|async|static|get|set|public|private|protected|readonly|override|abstract)\s+|\*\s*)*(?:function\s*\*?\s*|def\s+)?(#?[A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*\(/y;

/** Name and parameter text of a declaration (`function f(a, b)`, `def f(self, nums)`, a method) starting at `index`. */
export function declarationAt(source: string, index: number): { name: string; params: string } | null {
  DECLARED.lastIndex = index;
  const m = DECLARED.exec(source);
  if (!m || /^(function|def|if|for|while|switch|catch|return)$/.test(m[1])) return null;
  const params = bracketed(source, DECLARED.lastIndex - 1);
  return params === null ? null : { name: m[1], params };
}

/** Parameter text of an anonymous function starting at `index`: `(a, b) =>`, `x =>`, `function (a) {`, `lambda x:`. */
export function anonymousParamsAt(source: string, index: number): string | null {
  const lambda = /lambda\b([^:]*):/y;
  lambda.lastIndex = index;
  const py = lambda.exec(source);
  if (py) return py[1];
  const head = /(?:async\s+)?(?:function\s*\*?\s*)?(?:([A-Za-z_$][\w$]*)\s*=>|(?:<[^<>()]*>)?\s*\()/y;
  head.lastIndex = index;
  const m = head.exec(source);
  if (!m) return null;
  return m[1] ?? bracketed(source, head.lastIndex - 1);
}

/** The three clauses of `for (init; condition; step)` at `index`, or null for any other shape. */
export function forClausesAt(source: string, index: number): { initializer: string; condition: string; increment: string } | null {
  const open = source.indexOf('(', index);
  const header = open < 0 ? null : bracketed(source, open);
  const clauses = header?.split(';');
  if (!clauses || clauses.length !== 3) return null;
  const [initializer, condition, increment] = clauses.map((c) => c.trim());
  return { initializer, condition, increment };
}

/** `@lru_cache(None)` and friends: the decorator lines right above a Python `def` at `index`. */
export function decoratorsAbove(source: string, index: number): string {
  const lines: string[] = [];
  for (let end = source.lastIndexOf('\n', index - 1); end > 0;) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const text = source.slice(start, end).trim();
    if (!text.startsWith('@')) break;
    lines.unshift(text);
    end = start - 1;
  }
  return lines.join('\n');
}

/** The least indentation among a function's body lines (blank, comment and closing lines aside): its own statements. */
export function bodyIndent(source: string, start: number, end: number): number {
  let least = Infinity;
  for (let at = source.indexOf('\n', start); at >= 0 && at < end; at = source.indexOf('\n', at + 1)) {
    let first = at + 1;
    while (source[first] === ' ' || source[first] === '\t') first++;
    if (!/[\n\r})\]/#;,]/.test(source[first] ?? '\n')) least = Math.min(least, first - at - 1);
  }
  return least;
}

/**
 * Whether the statement at [start, end) closes the function spanning `fn`: only closers and comments follow it, and it
 * sits at the body's own indentation (a `return` nested in a final `if` is still an early exit).
 */
export function closesFunction(source: string, start: number, end: number, fn: { startIndex: number; endIndex: number; bodyIndent: number }): boolean {
  if (!/^(?:\s|;|\}|\/\/[^\n]*|\/\*[\s\S]*?\*\/|#[^\n]*)*$/.test(source.slice(end, fn.endIndex))) return false;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  if (lineStart <= fn.startIndex) return true; // a one-line function: `def f(x): return x`
  return source.slice(lineStart, start).trim() === '' && start - lineStart <= fn.bodyIndent;
}
