// Loads web-tree-sitter and the JavaScript, TypeScript and Python grammars once per process, and parses candidate
// buffers per interview session, keeping the last version that parsed so a half-typed line doesn't blank the analysis.
import { Edit, Language, Parser, type Point, type Tree } from 'web-tree-sitter';
import type { AnalyzedLanguage } from './types';

const GRAMMAR_FILES: Readonly<Record<AnalyzedLanguage, string>> = {
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  python: 'tree-sitter-python.wasm',
};
/** Longer buffers are not parsed: a pasted dump is not interview code, and parsing it would stall the event loop. */
export const MAX_PARSE_CHARS = 1_000_000;
/** Sessions whose trees are kept; the least recently used is freed first, so a missed forget() cannot leak. */
const MAX_SESSIONS = 256;
const MAX_ERROR_LINES = 20;

// Resolved through node's module resolution, not relative to this file: this file moves when esbuild bundles the backend.
const runtimeWasmPath = (): string => require.resolve('web-tree-sitter/web-tree-sitter.wasm');
const grammarWasmPath = (language: AnalyzedLanguage): string =>
  require.resolve(`@vscode/tree-sitter-wasm/wasm/${GRAMMAR_FILES[language]}`);

export function toAnalyzedLanguage(languageId: string): AnalyzedLanguage | null {
  const id = languageId.trim().toLowerCase();
  if (/^(javascript|javascriptreact|js|jsx|mjs|cjs)$/.test(id)) return 'javascript';
  if (/^(typescript|typescriptreact|ts|tsx|mts|cts)$/.test(id)) return 'typescript';
  if (/^(python|python3|py)$/.test(id)) return 'python';
  return null;
}

type Parsers = Readonly<Record<AnalyzedLanguage, Parser>>;

// Process-wide on purpose: web-tree-sitter runs one WASM instance per process, and loaded grammars never change.
// Nothing loads at import time; the first initParsers() call does, and later calls share its promise.
let parsers: Parsers | null = null;
let loading: Promise<Parsers> | null = null;

async function loadParsers(): Promise<Parsers> {
  await Parser.init({ locateFile: runtimeWasmPath });
  const load = async (language: AnalyzedLanguage): Promise<Parser> =>
    new Parser().setLanguage(await Language.load(grammarWasmPath(language)));
  const [javascript, typescript, python] = await Promise.all([load('javascript'), load('typescript'), load('python')]);
  return { javascript, typescript, python };
}

/** Loads the runtime and grammars (about 100–300 ms, once). Until it resolves, parsing returns null. */
export async function initParsers(): Promise<void> {
  loading ??= loadParsers();
  try {
    parsers = await loading;
  } catch (error) {
    loading = null; // let a later call retry rather than cache the failure forever
    throw error;
  }
}

export const parsersReady = (): boolean => parsers !== null;

/**
 * One parse, or null before initParsers() has finished. The caller owns the tree and must delete() it.
 * Given `previous` and the text it was parsed from, tree-sitter reuses every subtree the edit did not touch.
 */
export function parseTree(language: AnalyzedLanguage, text: string, previous?: { tree: Tree; text: string }): Tree | null {
  const parser = parsers?.[language];
  if (!parser) return null;
  if (!previous) return parser.parse(text);
  const base = previous.tree.copy(); // edit a copy: the previous tree may still be served as the stale fallback
  try {
    base.edit(editBetween(previous.text, text));
    return parser.parse(text, base);
  } finally {
    base.delete();
  }
}

function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/** The one edit that turns `before` into `after`: the text between their common prefix and common suffix. */
function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const [oldEnd, newEnd] = [before.length - tail, after.length - tail];
  return new Edit({
    startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd,
    startPosition: pointAt(before, start), oldEndPosition: pointAt(before, oldEnd), newEndPosition: pointAt(after, newEnd),
  });
}

/** 1-based lines holding ERROR or MISSING nodes, descending only into subtrees that contain one. */
export function syntaxErrorLines(tree: Tree): number[] {
  const lines = new Set<number>();
  const stack = [tree.rootNode];
  while (stack.length > 0 && lines.size < MAX_ERROR_LINES) {
    const node = stack.pop();
    if (!node) break;
    if (node.isError || node.isMissing) lines.add(node.startPosition.row + 1);
    else for (const child of node.children) if (child.hasError || child.isMissing) stack.push(child);
  }
  return [...lines].sort((a, b) => a - b);
}

export interface ParsedBuffer {
  language: AnalyzedLanguage;
  /** The text `tree` was parsed from: the current buffer, or the last good one when stale. */
  text: string;
  tree: Tree;
  /** True when `tree` is the last version that parsed, because the current buffer has syntax errors. */
  stale: boolean;
  /** 1-based lines of the current buffer with syntax errors. */
  errorLines: number[];
}

interface GoodTree {
  language: AnalyzedLanguage;
  text: string;
  tree: Tree;
}

interface SessionTrees {
  good: GoodTree | null;
  /** The latest tree with errors, when nothing parsed before it; freed on the session's next parse. */
  broken: Tree | null;
}

/** Parses per session key (an interview id); owned by whoever owns the sessions, who calls forget() at the end. */
export class CodeParser {
  private readonly sessions = new Map<string, SessionTrees>();

  /**
   * The tree for `text`, or the session's last good tree (stale) while `text` has syntax errors; null before
   * initParsers() has finished. A returned tree stays valid until the session's next parse, forget() or dispose().
   */
  parse(language: AnalyzedLanguage, text: string, session = 'default'): ParsedBuffer | null {
    const trees = this.touch(session);
    const good = trees.good?.language === language ? trees.good : null;
    if (good && good.text === text) return { language, text, tree: good.tree, stale: false, errorLines: [] };
    const tree = parseTree(language, text, good ?? undefined);
    if (!tree) return null;
    trees.broken?.delete();
    trees.broken = null;
    if (!tree.rootNode.hasError) {
      trees.good?.tree.delete();
      trees.good = { language, text, tree };
      return { language, text, tree, stale: false, errorLines: [] };
    }
    const errorLines = syntaxErrorLines(tree);
    if (good) {
      tree.delete();
      return { language, text: good.text, tree: good.tree, stale: true, errorLines };
    }
    // Nothing parsed yet in this language: tree-sitter's error recovery still yields a usable partial tree.
    trees.broken = tree;
    return { language, text, tree, stale: false, errorLines };
  }

  forget(session: string): void {
    const trees = this.sessions.get(session);
    if (!trees) return;
    trees.good?.tree.delete();
    trees.broken?.delete();
    this.sessions.delete(session);
  }

  dispose(): void {
    for (const session of [...this.sessions.keys()]) this.forget(session);
  }

  private touch(session: string): SessionTrees {
    const trees = this.sessions.get(session) ?? { good: null, broken: null };
    this.sessions.delete(session); // re-inserted last: Map order is the recency order
    this.sessions.set(session, trees);
    const oldest = this.sessions.keys().next().value;
    if (this.sessions.size > MAX_SESSIONS && oldest !== undefined) this.forget(oldest);
    return trees;
  }
}
