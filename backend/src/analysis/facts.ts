// The raw facts one pass over the tree gathers: what later stages (recursion shapes, loop bounds, estimates) read.
import type { Node } from 'web-tree-sitter';
import type { Family, Iterated } from './syntax';
import type { CodeSpot, EarlyReturn, EdgeCaseGuard, FunctionInfo, LoopInfo, StructureUse } from './types';

export interface SelfCall { node: Node; line: number; args: string; loop: LoopFact | null }

export interface FnFact {
  info: FunctionInfo;
  node: Node;
  decorators: string;
  /** Parameters without defaults: the input that edge-case guards are about. */
  inputs: string[];
  selfCalls: SelfCall[];
}

export interface LoopFact {
  info: LoopInfo;
  parent: LoopFact | null;
  fn: FnFact | null;
  iterated: Iterated;
  halving: boolean;
  worklist: string | null;
  bodyStart: number;
  endIndex: number;
  /** Variables (re)assigned inside the loop, pointers stepped by one and containers popped by its own body. */
  assigned: Set<string>;
  stepped: Set<string>;
  popped: Set<string>;
}

export interface CostFact { kind: 'sort' | 'scan' | 'heap'; spot: CodeSpot; loop: LoopFact | null; fn: FnFact | null }

export interface Facts {
  family: Family;
  functions: FnFact[];
  loops: LoopFact[];
  costs: CostFact[];
  structures: StructureUse[];
  allocations: CodeSpot[];
  earlyReturns: EarlyReturn[];
  edgeCases: EdgeCaseGuard[];
  /** `n` → `nums` for `const n = nums.length`, so `i < n` reads as a loop over nums. */
  aliases: Map<string, string>;
  /** Names bound to literal collections (`const dirs = [[0, 1], ...]`): loops over them are constant. */
  constants: Set<string>;
  /** Where each list/array literal is bound, and the stack/queue methods called on each container. */
  lists: Map<string, number>;
  methods: Map<string, { line: number; calls: Set<string> }>;
  /** Python `x in name`: a scan unless `name` turns out to be a dict or set. */
  membership: Array<{ name: string; cost: CostFact }>;
  /** `x.push(...)`, `x.dequeue()`: an O(log n) heap operation if `x` turns out to be a heap. */
  heapOps: Array<{ name: string | null; cost: CostFact }>;
}
