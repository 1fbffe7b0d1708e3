// The runner's contract: what a caller asks to run and what comes back. Plain data, no vscode, so
// the extension host (candidate code) and the backend (admin reference solutions) share it. Results
// are the protocol's TestRunResult, reported to the server as they are.
import type { Language, TestCase } from '../../../protocol/src/domain';
import { DEFAULT_RUN_LIMITS, type RunLimits, type TestRunResult } from '../../../protocol/src/testRun';

export type { CaseResult, RunLimits, Verdict } from '../../../protocol/src/testRun';
export { VERDICTS } from '../../../protocol/src/testRun';

export const DEFAULT_LIMITS: Readonly<RunLimits> = DEFAULT_RUN_LIMITS;

export interface RunRequest {
  language: Language;
  code: string;
  /** The camelCase name from ProblemSpec; Python solutions are called by its snake_case form. */
  functionName: string;
  testCases: readonly TestCase[];
  limits?: Partial<RunLimits>;
}

export type ToolchainInfo = NonNullable<TestRunResult['toolchain']>;
export type RunResult = TestRunResult;
