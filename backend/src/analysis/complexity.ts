// Big-O as comparable values: n^a · (log n)^b, or exponential. Parses what candidates and problem specs write
// ("O(n log n)", "O(n²)", "O(V + E)", "linear") so an estimate can be held against a target.
import type { BigO, Estimate } from './types';

export interface Order {
  exp: boolean;
  n: number;
  log: number;
}

export const ONE: Order = { exp: false, n: 0, log: 0 };
export const LOG: Order = { exp: false, n: 0, log: 1 };
export const N: Order = { exp: false, n: 1, log: 0 };
export const N_LOG_N: Order = { exp: false, n: 1, log: 1 };
export const EXP: Order = { exp: true, n: 0, log: 0 };

export const times = (a: Order, b: Order): Order => ({ exp: a.exp || b.exp, n: a.n + b.n, log: a.log + b.log });

/** Negative when `a` grows slower than `b`. Any exponential outgrows every polynomial; two exponentials tie. */
export function compareOrder(a: Order, b: Order): number {
  if (a.exp || b.exp) return a.exp === b.exp ? 0 : a.exp ? 1 : -1;
  return a.n !== b.n ? a.n - b.n : a.log - b.log;
}

export function formatOrder(order: Order): BigO {
  if (order.exp) return 'O(2^n)';
  const n = order.n === 0 ? '' : order.n === 1 ? 'n' : `n^${order.n}`;
  const log = order.log === 0 ? '' : order.log === 1 ? 'log n' : `log^${order.log} n`;
  return `O(${[n, log].filter(Boolean).join(' ') || '1'})`;
}

const WORDS: Readonly<Record<string, Order>> = {
  constant: ONE, logarithmic: LOG, linear: N, linearithmic: N_LOG_N, quadratic: { exp: false, n: 2, log: 0 },
  cubic: { exp: false, n: 3, log: 0 }, exponential: EXP,
};

/** One product term: `n log n`, `m*n`, `n^2`, `2^n`, `k`, `1`. Every variable counts as the input size. */
function parseTerm(term: string): Order | null {
  let rest = term.replace(/[·×*()]/g, ' ').replace(/([a-z\d])(?=log|lg)/g, '$1 '); // "nlogn" is "n log n"
  if (/\d\s*\^\s*[a-z]|[a-z]\s*!/.test(rest)) return EXP;
  let log = 0;
  rest = rest.replace(/\blog\s*(?:_?\d+)?\s*(?:\^\s*(\d+))?\s*([a-z])?/g, (_m, power?: string) => { log += Number(power ?? 1); return ' '; });
  rest = rest.replace(/\blg\s*([a-z])?/g, () => { log += 1; return ' '; });
  let n = 0;
  rest = rest.replace(/\bsqrt\s*[a-z]/g, () => { n += 0.5; return ' '; });
  for (const token of rest.trim().split(/\s+/).filter(Boolean)) {
    const power = /^([a-z])(?:\^(\d+)|([²³]))?$/.exec(token);
    if (power) n += power[2] ? Number(power[2]) : power[3] === '²' ? 2 : power[3] === '³' ? 3 : 1;
    else if (!/^\d+$/.test(token)) return null; // a word we don't know: better "unknown" than a guess
  }
  return { exp: false, n, log };
}

export function parseBigO(text: string): Order | null {
  const lower = text.trim().toLowerCase();
  const word = WORDS[lower.replace(/\s*time$/, '')];
  if (word) return word;
  const body = /^o\s*\((.*)\)$/s.exec(lower)?.[1] ?? lower;
  if (!/^[a-z0-9\s^+*·×()²³!_√-]+$/.test(body) || body.trim() === '') return null;
  // a sum grows like its largest term: O(n + m) is linear, O(n^2 + n) quadratic
  let largest = ONE;
  for (const text of body.replace(/√\s*([a-z])/g, 'sqrt $1').split(/\+|-/)) {
    const term = parseTerm(text);
    if (!term) return null;
    if (compareOrder(term, largest) > 0) largest = term;
  }
  return largest;
}

export type Comparison = 'better' | 'same' | 'worse' | 'unknown';

/** How an estimate (or a candidate's stated complexity) stands against a target such as the problem's `O(n)`. */
export function compareComplexity(estimate: Estimate | string, target: string): Comparison {
  const a = parseBigO(typeof estimate === 'string' ? estimate : estimate.bigO);
  const b = parseBigO(target);
  if (!a || !b) return 'unknown';
  const c = compareOrder(a, b);
  return c < 0 ? 'better' : c > 0 ? 'worse' : 'same';
}
