// Result comparison, done in the parent process only: the child never sees `expected`, so no
// candidate code can decide (or fake) a pass.
import type { TestCase } from '../../../protocol/src/domain';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON with object keys sorted at every depth, so equal values have equal text whatever the
 * language's key order; JSON.stringify also folds -0 into 0, as every other language's JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function emptyTagOf(hint: unknown): { $list: [] } | { $tree: [] } | null {
  if (!isPlainObject(hint) || Object.keys(hint).length !== 1) return null;
  if (Array.isArray(hint.$list)) return { $list: [] };
  if (Array.isArray(hint.$tree)) return { $tree: [] };
  return null;
}

/**
 * A returned `null` head/root is the empty list or tree only where `expected` holds a list or tree
 * tag; the parent applies that hint so the child needs no knowledge of `expected`.
 */
export function applyNodeHints(actual: unknown, expected: unknown): unknown {
  if (actual === null) return emptyTagOf(expected) ?? null;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    // For unordered results the positions differ, but all items share one shape: fall back to the first.
    return actual.map((item, i) => applyNodeHints(item, i < expected.length ? expected[i] : expected[0]));
  }
  return actual;
}

/** Deep equality of JSON values; 'unordered' ignores the order of the outer array only. */
export function resultsMatch(actual: unknown, expected: unknown, compare: TestCase['compare']): boolean {
  if (compare === 'exact') return canonicalJson(actual) === canonicalJson(expected);
  if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
  const sorted = (items: unknown[]): string[] => items.map(canonicalJson).sort();
  const [a, b] = [sorted(actual), sorted(expected)];
  return a.every((item, i) => item === b[i]);
}
