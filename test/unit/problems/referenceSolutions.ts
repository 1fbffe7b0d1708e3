// Reference solutions for every problem of the question bank, keyed by slug. The tag codec and the
// case checker live in ./harness and are re-exported here.
import type { ListNode, Solution, TreeNode } from './harness';

export {
  buildList, buildTree, decodeTagged, encodeTagged, listToArray, resultsEqual, runCase, treeToArray,
} from './harness';
export type { CaseResult, ListNode, Solution, TreeNode } from './harness';

// ---------- small utilities for the solutions ----------

function sol<A extends unknown[]>(fn: (...args: A) => unknown): Solution {
  return fn as unknown as Solution;
}

class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}
  get size(): number { return this.items.length; }
  peek(): T | undefined { return this.items[0]; }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m])) m = l;
        if (r < a.length && this.before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

// ---------- the solutions ----------

export const referenceSolutions: Readonly<Record<string, Solution>> = {
  // arrays & hashing
  'pair-sum-indices': sol((nums: number[], target: number) => {
    const seen = new Map<number, number>();
    for (let j = 0; j < nums.length; j++) {
      const i = seen.get(target - nums[j]);
      if (i !== undefined) return [i, j];
      if (!seen.has(nums[j])) seen.set(nums[j], j);
    }
    return [];
  }),
  'anagram-groups': sol((words: string[]) => {
    const groups = new Map<string, string[]>();
    for (const w of words) {
      const key = [...w].sort().join('');
      groups.set(key, [...(groups.get(key) ?? []), w]);
    }
    return [...groups.values()];
  }),
  'longest-consecutive-run': sol((nums: number[]) => {
    const set = new Set(nums);
    let best = 0;
    for (const v of set) {
      if (set.has(v - 1)) continue;
      let len = 1;
      while (set.has(v + len)) len++;
      best = Math.max(best, len);
    }
    return best;
  }),
  'smallest-missing-positive': sol((nums: number[]) => {
    const n = nums.length;
    for (let i = 0; i < n; i++) {
      while (nums[i] >= 1 && nums[i] <= n && nums[nums[i] - 1] !== nums[i]) {
        const j = nums[i] - 1;
        [nums[i], nums[j]] = [nums[j], nums[i]];
      }
    }
    for (let i = 0; i < n; i++) if (nums[i] !== i + 1) return i + 1;
    return n + 1;
  }),
  // two pointers
  'alphanumeric-palindrome': sol((s: string) => {
    const ok = (c: string): boolean => /[a-z0-9]/i.test(c);
    for (let i = 0, j = s.length - 1; i < j; i++, j--) {
      while (i < j && !ok(s[i])) i++;
      while (i < j && !ok(s[j])) j--;
      if (s[i].toLowerCase() !== s[j].toLowerCase()) return false;
    }
    return true;
  }),
  'zero-sum-triplets': sol((input: number[]) => {
    const nums = [...input].sort((a, b) => a - b);
    const out: number[][] = [];
    for (let i = 0; i < nums.length - 2; i++) {
      if (i > 0 && nums[i] === nums[i - 1]) continue;
      for (let l = i + 1, r = nums.length - 1; l < r;) {
        const sum = nums[i] + nums[l] + nums[r];
        if (sum < 0) l++;
        else if (sum > 0) r--;
        else {
          out.push([nums[i], nums[l], nums[r]]);
          while (l < r && nums[l] === nums[l + 1]) l++;
          l++; r--;
        }
      }
    }
    return out;
  }),
  'trapped-rainwater': sol((h: number[]) => {
    let water = 0, leftMax = 0, rightMax = 0;
    for (let l = 0, r = h.length - 1; l <= r;) {
      if (leftMax <= rightMax) { leftMax = Math.max(leftMax, h[l]); water += leftMax - h[l++]; }
      else { rightMax = Math.max(rightMax, h[r]); water += rightMax - h[r--]; }
    }
    return water;
  }),
  // sliding window
  'single-trade-profit': sol((prices: number[]) => {
    let min = Infinity, best = 0;
    for (const p of prices) { min = Math.min(min, p); best = Math.max(best, p - min); }
    return best;
  }),
  'longest-distinct-substring': sol((s: string) => {
    const last = new Map<string, number>();
    let best = 0;
    for (let l = 0, r = 0; r < s.length; r++) {
      l = Math.max(l, (last.get(s[r]) ?? -1) + 1);
      last.set(s[r], r);
      best = Math.max(best, r - l + 1);
    }
    return best;
  }),
  'smallest-covering-window': sol((s: string, t: string) => {
    const need = new Map<string, number>();
    for (const c of t) need.set(c, (need.get(c) ?? 0) + 1);
    let missing = t.length, bestStart = 0, bestLen = Infinity;
    for (let l = 0, r = 0; r < s.length; r++) {
      const n = need.get(s[r]);
      if (n !== undefined) { if (n > 0) missing--; need.set(s[r], n - 1); }
      while (missing === 0) {
        if (r - l + 1 < bestLen) { bestLen = r - l + 1; bestStart = l; }
        const m = need.get(s[l]);
        if (m !== undefined) { need.set(s[l], m + 1); if (m + 1 > 0) missing++; }
        l++;
      }
    }
    return bestLen === Infinity ? '' : s.slice(bestStart, bestStart + bestLen);
  }),
  // stack
  'bracket-balance': sol((s: string) => {
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const stack: string[] = [];
    for (const c of s) {
      if (c in pairs) { if (stack.pop() !== pairs[c]) return false; } else stack.push(c);
    }
    return stack.length === 0;
  }),
  'days-until-warmer': sol((temps: number[]) => {
    const wait = temps.map(() => 0);
    const stack: number[] = [];
    temps.forEach((t, i) => {
      while (stack.length > 0 && temps[stack[stack.length - 1]] < t) { const j = stack.pop() ?? 0; wait[j] = i - j; }
      stack.push(i);
    });
    return wait;
  }),
  'largest-histogram-rectangle': sol((heights: number[]) => {
    const stack: number[] = [];
    let best = 0;
    for (let i = 0; i <= heights.length; i++) {
      const h = i === heights.length ? 0 : heights[i];
      while (stack.length > 0 && heights[stack[stack.length - 1]] >= h) {
        const top = stack.pop() ?? 0;
        const left = stack.length > 0 ? stack[stack.length - 1] : -1;
        best = Math.max(best, heights[top] * (i - left - 1));
      }
      stack.push(i);
    }
    return best;
  }),
  // binary search
  'sorted-index-lookup': sol((nums: number[], target: number) => {
    for (let lo = 0, hi = nums.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (nums[mid] === target) return mid;
      if (nums[mid] < target) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }),
  'rotated-sorted-search': sol((nums: number[], target: number) => {
    for (let lo = 0, hi = nums.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (nums[mid] === target) return mid;
      if (nums[lo] <= nums[mid]) {
        if (nums[lo] <= target && target < nums[mid]) hi = mid - 1; else lo = mid + 1;
      } else if (nums[mid] < target && target <= nums[hi]) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }),
  'minimum-print-speed': sol((jobs: number[], hours: number) => {
    let lo = 1, hi = Math.max(...jobs);
    while (lo < hi) {
      const k = Math.floor((lo + hi) / 2);
      const needed = jobs.reduce((sum, pages) => sum + Math.ceil(pages / k), 0);
      if (needed <= hours) hi = k; else lo = k + 1;
    }
    return lo;
  }),
  // linked lists
  'reverse-singly-linked-list': sol((head: ListNode | null) => {
    let prev: ListNode | null = null;
    for (let cur = head; cur !== null;) { const next: ListNode | null = cur.next; cur.next = prev; prev = cur; cur = next; }
    return prev;
  }),
  'remove-kth-from-end': sol((head: ListNode | null, k: number) => {
    const dummy: ListNode = { val: 0, next: head };
    let lead: ListNode | null = head, trail: ListNode = dummy;
    for (let i = 0; i < k && lead !== null; i++) lead = lead.next;
    while (lead !== null && trail.next !== null) { lead = lead.next; trail = trail.next; }
    if (trail.next !== null) trail.next = trail.next.next;
    return dummy.next;
  }),
  'reverse-in-blocks': sol((head: ListNode | null, k: number) => {
    const dummy: ListNode = { val: 0, next: head };
    for (let before: ListNode = dummy; ;) {
      let probe: ListNode | null = before.next, count = 0;
      for (; count < k && probe !== null; count++) probe = probe.next;
      if (count < k || before.next === null) return dummy.next;
      const first: ListNode = before.next;
      let prev: ListNode | null = probe, cur: ListNode | null = first;
      for (let i = 0; i < k && cur !== null; i++) { const next: ListNode | null = cur.next; cur.next = prev; prev = cur; cur = next; }
      before.next = prev;
      before = first;
    }
  }),
  // trees
  'mirror-binary-tree': sol((root: TreeNode | null) => {
    const mirror = (n: TreeNode | null): TreeNode | null => {
      if (n === null) return null;
      [n.left, n.right] = [mirror(n.right), mirror(n.left)];
      return n;
    };
    return mirror(root);
  }),
  'tree-level-values': sol((root: TreeNode | null) => {
    const levels: number[][] = [];
    for (let level = root ? [root] : []; level.length > 0;) {
      levels.push(level.map((n) => n.val));
      level = level.flatMap((n) => [n.left, n.right]).filter((n): n is TreeNode => n !== null);
    }
    return levels;
  }),
  'heaviest-tree-path': sol((root: TreeNode | null) => {
    let best = -Infinity;
    const arm = (n: TreeNode | null): number => {
      if (n === null) return 0;
      const l = Math.max(0, arm(n.left)), r = Math.max(0, arm(n.right));
      best = Math.max(best, n.val + l + r);
      return n.val + Math.max(l, r);
    };
    arm(root);
    return best;
  }),
  // graphs
  'village-elder': sol((n: number, trust: number[][]) => {
    const score = new Array<number>(n + 1).fill(0);
    for (const [a, b] of trust) { score[a]--; score[b]++; }
    for (let p = 1; p <= n; p++) if (score[p] === n - 1) return p;
    return -1;
  }),
  'count-islands': sol((grid: number[][]) => {
    const seen = grid.map((row) => row.map(() => false));
    let islands = 0;
    grid.forEach((row, r0) => row.forEach((cell, c0) => {
      if (cell !== 1 || seen[r0][c0]) return;
      islands++;
      const stack: [number, number][] = [[r0, c0]];
      seen[r0][c0] = true;
      while (stack.length > 0) {
        const [r, c] = stack.pop() ?? [0, 0];
        for (const [nr, nc] of [[r + 1, c], [r - 1, c], [r, c + 1], [r, c - 1]]) {
          if (grid[nr]?.[nc] === 1 && !seen[nr][nc]) { seen[nr][nc] = true; stack.push([nr, nc]); }
        }
      }
    }));
    return islands;
  }),
  'shortest-word-ladder': sol((start: string, goal: string, words: string[]) => {
    const unseen = new Set(words);
    if (!unseen.has(goal)) return 0;
    unseen.delete(start);
    let frontier = [start];
    for (let length = 1; frontier.length > 0; length++) {
      const next: string[] = [];
      for (const w of frontier) {
        if (w === goal) return length;
        for (let i = 0; i < w.length; i++) {
          for (let c = 97; c <= 122; c++) {
            const cand = w.slice(0, i) + String.fromCharCode(c) + w.slice(i + 1);
            if (unseen.delete(cand)) next.push(cand);
          }
        }
      }
      frontier = next;
    }
    return 0;
  }),
  // heaps
  'stone-smasher': sol((stones: number[]) => {
    const heap = new Heap<number>((a, b) => a > b);
    stones.forEach((s) => heap.push(s));
    while (heap.size > 1) {
      const y = heap.pop() ?? 0, x = heap.pop() ?? 0;
      if (y !== x) heap.push(y - x);
    }
    return heap.peek() ?? 0;
  }),
  'most-frequent-values': sol((nums: number[], k: number) => {
    const counts = new Map<number, number>();
    for (const v of nums) counts.set(v, (counts.get(v) ?? 0) + 1);
    const heap = new Heap<[number, number]>((a, b) => a[1] < b[1]);
    for (const entry of counts) { heap.push(entry); if (heap.size > k) heap.pop(); }
    const out: number[] = [];
    while (heap.size > 0) out.push((heap.pop() ?? [0, 0])[0]);
    return out;
  }),
  'running-median': sol((nums: number[]) => {
    const low = new Heap<number>((a, b) => a > b), high = new Heap<number>((a, b) => a < b);
    return nums.map((v) => {
      if (low.size === 0 || v <= (low.peek() ?? 0)) low.push(v); else high.push(v);
      if (low.size > high.size + 1) high.push(low.pop() ?? 0);
      if (high.size > low.size) low.push(high.pop() ?? 0);
      const lo = low.peek() ?? 0;
      return low.size > high.size ? lo : (lo + (high.peek() ?? 0)) / 2;
    });
  }),
  // intervals
  'attend-every-meeting': sol((meetings: number[][]) => {
    const sorted = [...meetings].sort((a, b) => a[0] - b[0]);
    return sorted.every((m, i) => i === 0 || m[0] >= sorted[i - 1][1]);
  }),
  'merge-overlapping-ranges': sol((ranges: number[][]) => {
    const out: number[][] = [];
    for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
      const last = out[out.length - 1];
      if (last !== undefined && lo <= last[1]) last[1] = Math.max(last[1], hi); else out.push([lo, hi]);
    }
    return out;
  }),
  'minimum-meeting-rooms': sol((meetings: number[][]) => {
    const ends = new Heap<number>((a, b) => a < b);
    let rooms = 0;
    for (const [start, end] of [...meetings].sort((a, b) => a[0] - b[0])) {
      while (ends.size > 0 && (ends.peek() ?? 0) <= start) ends.pop();
      ends.push(end);
      rooms = Math.max(rooms, ends.size);
    }
    return rooms;
  }),
  // dynamic programming
  'stair-climbing-ways': sol((n: number) => {
    let [a, b] = [1, 1];
    for (let i = 2; i <= n; i++) [a, b] = [b, a + b];
    return b;
  }),
  'non-adjacent-lockers': sol((values: number[]) => {
    let [skip, take] = [0, 0];
    for (const v of values) [skip, take] = [Math.max(skip, take), skip + v];
    return Math.max(skip, take);
  }),
  'fewest-coins': sol((coins: number[], amount: number) => {
    const best = new Array<number>(amount + 1).fill(Infinity);
    best[0] = 0;
    for (let a = 1; a <= amount; a++) for (const c of coins) if (c <= a) best[a] = Math.min(best[a], best[a - c] + 1);
    return best[amount] === Infinity ? -1 : best[amount];
  }),
  'edit-distance': sol((a: string, b: string) => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) {
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] : 1 + Math.min(prev[j], cur[j - 1], prev[j - 1]);
      }
      prev = cur;
    }
    return prev[b.length];
  }),
  // strings
  'same-letters-check': sol((s: string, t: string) => {
    if (s.length !== t.length) return false;
    const counts = new Map<string, number>();
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const c of t) { const n = counts.get(c) ?? 0; if (n === 0) return false; counts.set(c, n - 1); }
    return true;
  }),
  'shared-prefix': sol((words: string[]) => {
    let prefix = words[0];
    for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
    return prefix;
  }),
  'expand-encoded-string': sol((s: string) => {
    const stack: [string, number][] = [];
    let current = '', k = 0;
    for (const c of s) {
      if (c >= '0' && c <= '9') k = k * 10 + Number(c);
      else if (c === '[') { stack.push([current, k]); current = ''; k = 0; }
      else if (c === ']') { const [prefix, times] = stack.pop() ?? ['', 1]; current = prefix + current.repeat(times); }
      else current += c;
    }
    return current;
  }),
};
