// Light, line-based reading of the candidate's code: enough to quote a telling line and ask about it.
// Regexes and indentation/brace counting only; a real parser can replace `analyzeCode` later.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../../../protocol/src/domain';

export type Family = 'javascript' | 'python';
export type StarterKey = 'javascript' | 'typescript' | 'python';

export type FindingKind =
  | 'error' | 'nested-loop' | 'hidden-scan' | 'recursion' | 'map' | 'set' | 'sort' | 'loop' | 'return' | 'function' | 'line';

export interface Finding {
  kind: FindingKind;
  /** 1-based line number in the candidate's buffer. */
  line: number;
  /** The line, trimmed. */
  text: string;
  key: string;
  /** Function name for 'function'/'recursion', diagnostic message for 'error'. */
  detail?: string;
}

export interface CodeInsight {
  hash: string;
  /** Fingerprints of the substantive lines, in order. */
  lineKeys: string[];
  functions: Finding[];
  /** Everything else worth asking about, in line order. */
  findings: Finding[];
  /** Substantive lines with nothing special about them: the fallback when every finding was quoted. */
  plain: Finding[];
  maxLoopDepth: number;
}

/** How much the code moved since the code the interviewer last reacted to. */
export interface CodeChange {
  insight: CodeInsight;
  first: boolean;
  added: number;
  removed: number;
  /** Fingerprints of the lines that are new since then, so remarks favour what just changed. */
  addedKeys: Set<string>;
}

// Most telling first: an error or a hidden quadratic matters more than a plain return.
const PRIORITY: readonly FindingKind[] = [
  'error', 'nested-loop', 'hidden-scan', 'recursion', 'map', 'set', 'sort', 'loop', 'return', 'line',
];
const MAX_KEYS = 400;

export const languageFamily = (language: string): Family => (/py/i.test(language) ? 'python' : 'javascript');
export const starterKey = (language: string): StarterKey =>
  /py/i.test(language) ? 'python' : /^(typescript|ts|tsx|typescriptreact)$/i.test(language) ? 'typescript' : 'javascript';

/** Whitespace-blind fingerprint, so reformatting never reads as a change. */
export const lineKey = (line: string): string =>
  createHash('sha1').update(line.replace(/\s+/g, '')).digest('hex').slice(0, 10);

/** Lines that carry code: not blank, not only a comment, not only closing punctuation. */
function isSubstantive(trimmed: string): boolean {
  return trimmed !== '' && !/^(\/\/|#|\/\*|\*)/.test(trimmed) && !/^[\s{}()[\];,]*$/.test(trimmed);
}

const indentOf = (line: string): number => (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;

/** Removes comments and string contents so braces and keywords inside them are not counted. */
function stripLine(line: string, family: Family, inBlock: { value: boolean }): string {
  let text = line;
  if (family === 'javascript') {
    if (inBlock.value) {
      const end = text.indexOf('*/');
      if (end < 0) return '';
      text = text.slice(end + 2);
      inBlock.value = false;
    }
    text = text.replace(/\/\*.*?\*\//g, ' ');
    const open = text.indexOf('/*');
    if (open >= 0) { inBlock.value = true; text = text.slice(0, open); }
  }
  text = text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
  return family === 'python' ? text.replace(/#.*$/, '') : text.replace(/\/\/.*$/, '');
}

const JS_LOOP = /^\s*(for|while)\s*\(|^\s*do\s*\{|\.(forEach|map|filter|reduce|some|every|flatMap)\s*\(/;
const PY_LOOP = /^\s*(async\s+)?(for|while)\b.*:\s*$/;
const PY_COMPREHENSION = /[[({].*\bfor\b.+\bin\b.*[\])}]/;

/** Loop nesting depth of every line (0 outside loops) and which lines open a loop. */
function loopDepths(stripped: string[], family: Family): { depth: number[]; isLoop: boolean[] } {
  const depth: number[] = [];
  const isLoop: boolean[] = [];
  if (family === 'python') {
    const open: number[] = []; // indentation of each enclosing loop header
    stripped.forEach((line) => {
      if (line.trim() === '') { depth.push(open.length); isLoop.push(false); return; }
      const indent = indentOf(line);
      while (open.length > 0 && open[open.length - 1] >= indent) open.pop();
      const header = PY_LOOP.test(line);
      const loop = header || PY_COMPREHENSION.test(line);
      depth.push(open.length + (loop ? 1 : 0));
      isLoop.push(loop);
      if (header) open.push(indent);
    });
    return { depth, isLoop };
  }
  let braces = 0;
  const open: Array<{ body: number } | { single: true }> = [];
  stripped.forEach((line) => {
    while (open.length > 0) {
      const top = open[open.length - 1];
      if ('body' in top && braces < top.body) open.pop(); else break;
    }
    const loop = JS_LOOP.test(line);
    depth.push(open.length + (loop ? 1 : 0));
    isLoop.push(loop);
    const net = [...line].reduce((n, ch) => n + (ch === '{' ? 1 : ch === '}' ? -1 : 0), 0);
    const opensSingle = loop && !line.includes('{') && /\)\s*$/.test(line);
    const top = open[open.length - 1];
    // A brace-less loop (`for (...)` then one statement) covers only that statement, or the block it opens.
    if (line.trim() !== '' && top && 'single' in top && !opensSingle) {
      open.pop();
      if (net > 0) open.push({ body: braces + 1 });
    }
    if (loop && line.includes('{')) open.push({ body: braces + 1 });
    else if (opensSingle) open.push({ single: true });
    braces += net;
  });
  return { depth, isLoop };
}

const JS_FUNCTION = /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>)/;
const PY_FUNCTION = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
const MAP = {
  javascript: /\bnew\s+Map\s*[(<]|=\s*\{\s*\}\s*;?\s*$|Object\.create\(\s*null\s*\)/,
  python: /=\s*\{\s*\}\s*$|\b(dict|defaultdict|Counter|OrderedDict)\s*\(/,
};
const SET = { javascript: /\bnew\s+Set\s*[(<]/, python: /=\s*set\s*\(/ };
const SORT = /\.sort\s*\(|\bsorted\s*\(/;
const JS_SCAN = /\.(includes|indexOf|lastIndexOf|find|findIndex)\s*\(/;
const ASSIGNED = { javascript: /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/, python: /^\s*([A-Za-z_]\w*)\s*(?::[^=]+)?=/ };

export function analyzeCode(text: string, language: string, diagnostics: readonly Diagnostic[] = []): CodeInsight {
  const family = languageFamily(language);
  const raw = text.split(/\r?\n/);
  const inBlock = { value: false };
  const stripped = raw.map((line) => stripLine(line, family, inBlock));
  const { depth, isLoop } = loopDepths(stripped, family);
  const functions: Finding[] = [];
  const findings: Finding[] = [];
  const plain: Finding[] = [];
  const containers = new Set<string>(); // names bound to maps/sets: `x in seen` is then O(1), not a scan
  const at = (kind: FindingKind, i: number, detail?: string): Finding =>
    ({ kind, line: i + 1, text: raw[i].trim(), key: lineKey(raw[i]), ...(detail === undefined ? {} : { detail }) });

  stripped.forEach((line, i) => {
    if (!isSubstantive(raw[i].trim())) return;
    const fn = family === 'python' ? PY_FUNCTION.exec(line) : JS_FUNCTION.exec(line);
    if (fn) { functions.push(at('function', i, fn[1] ?? fn[2])); return; }
    const isMap = MAP[family].test(line);
    const isSet = SET[family].test(line);
    if (isMap || isSet) {
      const name = ASSIGNED[family].exec(line)?.[1];
      if (name) containers.add(name);
    }
    const inLoop = depth[i] > (isLoop[i] ? 1 : 0);
    const pyScan = family === 'python' && !PY_LOOP.test(line)
      && [...line.matchAll(/\bin\s+([A-Za-z_]\w*)\b(?!\s*\()/g)].some((m) => !containers.has(m[1]));
    const scan = family === 'python' ? pyScan || /\.(index|count)\s*\(/.test(line) : JS_SCAN.test(line);
    let kind: FindingKind | null = null;
    if (isLoop[i]) kind = depth[i] >= 2 ? 'nested-loop' : 'loop';
    else if (inLoop && scan) kind = 'hidden-scan';
    else if (isMap) kind = 'map';
    else if (isSet) kind = 'set';
    else if (SORT.test(line)) kind = 'sort';
    else if (/^\s*return\b/.test(line)) kind = 'return';
    if (kind) findings.push(at(kind, i)); else plain.push(at('line', i));
  });

  for (const fn of functions) {
    const call = new RegExp(`\\b${(fn.detail ?? '').replace(/\$/g, '\\$')}\\s*\\(`);
    const own = indentOf(raw[fn.line - 1]);
    // Only calls inside the function's own body are recursion; a call below it is a test harness.
    for (let i = fn.line; i < raw.length; i++) {
      if (isSubstantive(raw[i].trim()) && indentOf(raw[i]) <= own) break;
      if (call.test(stripped[i])) { findings.push(at('recursion', i, fn.detail)); break; }
    }
  }
  for (const d of diagnostics) {
    if (d.severity === 'error' && d.line < raw.length && raw[d.line].trim() !== '') findings.push(at('error', d.line, d.message));
  }
  findings.sort((a, b) => a.line - b.line);

  const lineKeys = raw.filter((l) => isSubstantive(l.trim())).map(lineKey).slice(0, MAX_KEYS);
  return {
    hash: createHash('sha256').update(lineKeys.join('\n')).digest('hex').slice(0, 16),
    lineKeys,
    functions,
    findings,
    plain,
    maxLoopDepth: Math.max(0, ...depth),
  };
}

/** Multiset difference of line fingerprints: lines added to and removed from `before`. */
export function diffLines(before: readonly string[], after: readonly string[]): { added: string[]; removed: number } {
  const pool = new Map<string, number>();
  for (const key of before) pool.set(key, (pool.get(key) ?? 0) + 1);
  const added: string[] = [];
  for (const key of after) {
    const left = pool.get(key) ?? 0;
    if (left > 0) pool.set(key, left - 1); else added.push(key);
  }
  return { added, removed: [...pool.values()].reduce((sum, n) => sum + n, 0) };
}

/** Lines the candidate wrote beyond the starter code: how we tell real code from an untouched template. */
export function linesBeyondStarter(insight: CodeInsight, starter: string, language: string): number {
  return diffLines(analyzeCode(starter, language).lineKeys, insight.lineKeys).added.length;
}

/**
 * The change since the code last reacted to (or since the starter code, the first time), or null when it
 * is too small to mention: whitespace, a few characters, a line or two.
 */
export function significantChange(
  insight: CodeInsight, baseline: { hash: string | null; lineKeys: readonly string[]; lines: number },
  starter: string, language: string,
): CodeChange | null {
  if (insight.hash === baseline.hash) return null;
  const first = baseline.hash === null;
  const before = first ? analyzeCode(starter, language).lineKeys : baseline.lineKeys;
  const { added, removed } = diffLines(before, insight.lineKeys);
  const enough = first
    ? added.length >= 2
    : added.length + removed >= Math.max(3, Math.ceil(baseline.lines * 0.25));
  return enough ? { insight, first, added: added.length, removed, addedKeys: new Set(added) } : null;
}

/** Picks the line to ask about: the most telling kind, preferring new lines and never one already quoted. */
export function chooseFocus(insight: CodeInsight, addedKeys: ReadonlySet<string>, quotedKeys: readonly string[]): Finding | null {
  const quoted = new Set(quotedKeys);
  const fresh = insight.findings.filter((f) => !quoted.has(f.key));
  const rank = (f: Finding) => PRIORITY.indexOf(f.kind) * 2 + (addedKeys.has(f.key) ? 0 : 1);
  const best = [...fresh].sort((a, b) => rank(a) - rank(b) || a.line - b.line)[0];
  return best ?? insight.plain.find((f) => addedKeys.has(f.key) && !quoted.has(f.key)) ?? null;
}

/** The line as quoted in a reply: signatures lose their trailing `{`/`:`, long lines are cut. */
export function quoteText(finding: Finding): { code: string; cut: boolean } {
  const code = finding.kind === 'function' ? finding.text.replace(/\s*[{:]\s*$/, '') : finding.text;
  return code.length > 72 ? { code: code.slice(0, 70).trimEnd(), cut: true } : { code, cut: false };
}

/** Memory fields that pin the code the interviewer just reacted to. */
export function rememberCode(insight: CodeInsight): { lastCodeHash: string; lastCodeLines: number; lastCodeLineKeys: string[] } {
  return { lastCodeHash: insight.hash, lastCodeLines: insight.lineKeys.length, lastCodeLineKeys: insight.lineKeys };
}
