// Test runs: the server asks the client to run the candidate's code against the hidden tests on the
// candidate's machine (the server never executes candidate code); the client reports the verdicts.
import { z } from 'zod';
import { Language, TestCase } from './domain';

export const VERDICTS = ['pass', 'fail', 'timeout', 'memory-limit', 'output-limit', 'error'] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

export const RunLimits = z.object({
  timeMsPerCase: z.number().int().min(100).max(60_000),
  memoryMb: z.number().int().min(16).max(4096),
  outputBytes: z.number().int().min(1024).max(16 * 1048576),
});
export type RunLimits = z.infer<typeof RunLimits>;
export const DEFAULT_RUN_LIMITS: RunLimits = { timeMsPerCase: 3000, memoryMb: 256, outputBytes: 1 << 20 };

const display = z.string().max(4000);

export const CaseResult = z.object({
  index: z.number().int().min(0),
  verdict: Verdict,
  input: display,
  expected: display,
  actual: display.optional(),
  error: display.optional(),
  output: display.optional(),
  durationMs: z.number().min(0),
});
export type CaseResult = z.infer<typeof CaseResult>;

export const TestRunResult = z.object({
  toolchain: z.object({ name: z.string().max(80), version: z.string().max(80) }).nullable(),
  missing: z.string().max(1000).optional(),
  cases: z.array(CaseResult).max(200),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
});
export type TestRunResult = z.infer<typeof TestRunResult>;

/** What the client needs to run the tests (sent only for a run; never part of the public problem). */
export const TestRunRequest = z.object({
  runId: z.string(),
  language: Language,
  functionName: z.string(),
  testCases: z.array(TestCase),
  limits: RunLimits,
});
export type TestRunRequest = z.infer<typeof TestRunRequest>;

const MAX_DISPLAY = 4000;
const clip = (s: string | undefined) => (s === undefined || s.length <= MAX_DISPLAY ? s : `${s.slice(0, MAX_DISPLAY - 1)}…`);

/** Shortens long inputs and outputs (big test arrays, chatty prints) to what the protocol carries. */
export function clipForWire(result: TestRunResult): TestRunResult {
  return {
    ...result,
    cases: result.cases.slice(0, 200).map((c) => ({
      ...c, input: clip(c.input)!, expected: clip(c.expected)!, actual: clip(c.actual), error: clip(c.error), output: clip(c.output),
    })),
  };
}
