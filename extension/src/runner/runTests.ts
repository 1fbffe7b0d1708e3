// Runs a solution against a problem's test cases on this machine, in child processes, and judges the
// results here in the parent. Plain Node (no vscode): the extension host runs candidate code with it
// and the backend checks admin reference solutions with it; the server never runs candidate code.
//
// Isolation: one fresh process per test case. A timeout, memory blow-up or crash then costs only that
// case; globals, monkey-patches and files a case leaves behind cannot reach the next one; and a kill is
// always safe. The price is a process start per case (~50 ms), paid a few cases at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { TestCase } from '../../../protocol/src/domain';
import { applyNodeHints, resultsMatch } from './compare';
import { detectToolchain, type Toolchain, type ToolchainOptions } from './toolchains';
import { DEFAULT_LIMITS, type CaseResult, type RunLimits, type RunRequest, type RunResult } from './types';

export interface RunOptions extends ToolchainOptions {
  /** Aborting kills running cases; runTests then rejects with the abort reason. */
  signal?: AbortSignal;
  /** Where the per-run temporary folder is made (default: the OS temp folder). */
  tempRoot?: string;
  /** Cases run at once (default: half the cores, 1 to 4, so timings stay fair). */
  concurrency?: number;
}

/** Room for a legitimately large return value on the result channel (separate from the print cap). */
const RESULT_CHANNEL_CHARS = 16 << 20;
const OUTPUT_HEAD_CHARS = 4096;
const STDERR_TAIL_CHARS = 32 << 10;
const MESSAGE_CHARS = 4000;
/** After the time limit, how long to wait for a killed process tree to close its pipes. */
const CLOSE_GRACE_MS = 2000;

interface RunContext {
  runDir: string;
  toolchain: Toolchain;
  solution: { fileName: string; source: string };
  limits: RunLimits;
  signal?: AbortSignal;
}

interface ChildOutcome {
  /** Set when the parent killed the process for a reason of its own. */
  stopped: 'timeout' | 'output-limit' | 'aborted' | null;
  /** JSON text between this case's nonce markers, if the harness got that far. */
  record: string | null;
  output: string;
  stderrTail: string;
  exit: string;
  killedBySystem: boolean;
  spawnError: string | null;
  wallMs: number;
}

type HarnessRecord =
  | { ok: true; value: unknown; returned: boolean; ms?: number }
  | { ok: false; memory: boolean; error: string; ms?: number };

export async function runTests(request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
  options.signal?.throwIfAborted();
  const limits: RunLimits = { ...DEFAULT_LIMITS, ...request.limits };
  const detection = await detectToolchain(request.language, request.functionName, options);
  if (!detection.ok) return { toolchain: null, missing: detection.missing, cases: [], passed: 0, failed: 0 };
  const { toolchain } = detection;
  const solution = toolchain.prepare(request.code);
  if ('error' in solution) {
    // Code that does not even parse fails every case with the compiler's message; nothing is spawned.
    return summarize(toolchain, request.testCases.map((testCase, index) => ({ ...describeCase(testCase, index, 0), verdict: 'error', error: solution.error })));
  }
  const runDir = await mkdtemp(path.join(options.tempRoot ?? tmpdir(), 'mocktalk-run-'));
  try {
    const context: RunContext = { runDir, toolchain, solution, limits, signal: options.signal };
    const width = options.concurrency ?? Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
    const cases = await mapPool(request.testCases, width, options.signal, (testCase, index) => runCase(context, testCase, index));
    options.signal?.throwIfAborted();
    return summarize(toolchain, cases);
  } finally {
    await rm(runDir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  }
}

function summarize(toolchain: Toolchain, cases: CaseResult[]): RunResult {
  const passed = cases.filter((c) => c.verdict === 'pass').length;
  return { toolchain: toolchain.info, cases, passed, failed: cases.length - passed };
}

async function mapPool<T, R>(items: readonly T[], width: number, signal: AbortSignal | undefined, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await run(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

async function runCase(context: RunContext, testCase: TestCase, index: number): Promise<CaseResult> {
  // Each case gets its own folder and its own copy of the solution, so one case cannot tamper with the next.
  const caseDir = path.join(context.runDir, `case-${index}`);
  await mkdir(caseDir);
  const solutionPath = path.join(caseDir, context.solution.fileName);
  await writeFile(solutionPath, context.solution.source);
  const nonce = randomBytes(16).toString('hex');
  const caseFile = path.join(caseDir, 'case.json');
  const { memoryMb } = context.limits;
  await writeFile(caseFile, JSON.stringify({ nonce, functionName: context.toolchain.entryName, solutionPath, args: testCase.args, memoryMb }));
  const outcome = await runChild(context, caseDir, context.toolchain.command(caseFile, memoryMb), nonce);
  return judge(context, testCase, index, outcome, (text) => text.split(caseDir + path.sep).join(''));
}

function describeCase(testCase: TestCase, index: number, durationMs: number): Omit<CaseResult, 'verdict'> {
  return { index, input: JSON.stringify(testCase.args), expected: JSON.stringify(testCase.expected), durationMs };
}

function judge(context: RunContext, testCase: TestCase, index: number, outcome: ChildOutcome, clean: (text: string) => string): CaseResult {
  const { limits, toolchain } = context;
  const record = parseRecord(outcome.record);
  const base = { ...describeCase(testCase, index, Math.round((record?.ms ?? outcome.wallMs) * 10) / 10), ...(outcome.output ? { output: outcome.output } : {}) };
  const failure = (verdict: CaseResult['verdict'], error: string): CaseResult => ({ ...base, verdict, error: clean(error).slice(0, MESSAGE_CHARS) });
  if (outcome.stopped === 'timeout') return failure('timeout', `Time limit exceeded: no result within ${limits.timeMsPerCase} ms.`);
  if (outcome.stopped === 'output-limit') return failure('output-limit', `Output limit exceeded: more than ${limits.outputBytes} bytes printed.`);
  if (outcome.stopped === 'aborted') return failure('error', 'The run was cancelled.');
  const memoryLimit = `Memory limit exceeded (${limits.memoryMb} MB).`;
  if (record?.ok) {
    const actual = applyNodeHints(record.value, testCase.expected);
    const verdict = resultsMatch(actual, testCase.expected, testCase.compare) ? 'pass' : 'fail';
    return { ...base, verdict, actual: record.returned ? JSON.stringify(actual) : 'undefined' };
  }
  if (record) return record.memory ? failure('memory-limit', memoryLimit) : failure('error', record.error);
  if (outcome.spawnError !== null) return failure('error', `Could not start ${toolchain.info.name}: ${outcome.spawnError}`);
  if (toolchain.outOfMemory.test(outcome.stderrTail)) return failure('memory-limit', memoryLimit);
  if (outcome.killedBySystem) return failure('memory-limit', `${memoryLimit} The process was killed by the system.`);
  const stderr = outcome.stderrTail.trim();
  return failure('error', `The process ended before returning a result (${outcome.exit}); ` +
    `calling process.exit() or sys.exit() ends the run early.${stderr ? `\n${stderr.slice(-2000)}` : ''}`);
}

function parseRecord(text: string | null): HarnessRecord | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const fields = raw as Record<string, unknown>;
  const ms = typeof fields.ms === 'number' && Number.isFinite(fields.ms) ? fields.ms : undefined;
  if (fields.ok === true) return { ok: true, value: fields.value, returned: 'value' in fields, ms };
  const error = typeof fields.error === 'string' ? fields.error : 'Unknown error';
  return { ok: false, memory: fields.kind === 'memory', error, ms };
}

/** Kills the whole process group, so children the candidate's code spawned go too. */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function runChild(context: RunContext, caseDir: string, command: { file: string; args: string[] }, nonce: string): Promise<ChildOutcome> {
  const { limits, signal } = context;
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command.file, command.args, {
      cwd: caseDir,
      env: context.toolchain.env(caseDir),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'], // stdin closed; fd 3 is the result channel
      detached: process.platform !== 'win32', // own process group, so a kill takes every descendant
      windowsHide: true,
    });
    const outcome: ChildOutcome = { stopped: null, record: null, output: '', stderrTail: '', exit: '', killedBySystem: false, spawnError: null, wallMs: 0 };
    let printed = 0;
    let channel = '';
    const stop = (reason: NonNullable<ChildOutcome['stopped']>): void => {
      if (outcome.stopped === null && outcome.record === null) outcome.stopped = reason;
      killTree(child);
    };
    const decided = (): boolean => outcome.stopped !== null || outcome.record !== null;
    const onPrinted = (chunk: string, keep: (chunk: string) => void): void => {
      if (outcome.stopped !== null) return;
      printed += Buffer.byteLength(chunk);
      // Prints still in the pipe when the record came are kept for display, but no longer judged.
      if (printed > limits.outputBytes && outcome.record === null) stop('output-limit');
      else keep(chunk);
    };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => onPrinted(chunk, (text) => {
      if (outcome.output.length < OUTPUT_HEAD_CHARS) outcome.output = (outcome.output + text).slice(0, OUTPUT_HEAD_CHARS);
    }));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => onPrinted(chunk, (text) => {
      outcome.stderrTail = (outcome.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    }));
    const results = child.stdio[3];
    if (results instanceof Readable) results.setEncoding('utf8');
    results?.on('data', (chunk: string) => {
      if (decided()) return;
      channel += chunk;
      if (channel.length > RESULT_CHANNEL_CHARS) return stop('output-limit');
      outcome.record = extractRecord(channel, nonce);
      if (outcome.record !== null) killTree(child); // decided: nothing the code does afterwards matters
    });
    const timer = setTimeout(() => stop('timeout'), limits.timeMsPerCase);
    // If a descendant escaped the process group and holds a pipe open, 'close' never comes.
    const deadline = setTimeout(() => finish(), limits.timeMsPerCase + CLOSE_GRACE_MS);
    const onAbort = (): void => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      killTree(child);
      for (const stream of child.stdio) stream?.destroy();
      outcome.wallMs = performance.now() - started;
      resolve(outcome);
    };
    child.once('error', (error) => {
      outcome.spawnError = error.message;
      finish();
    });
    child.once('exit', (code, exitSignal) => {
      outcome.exit = exitSignal ? `signal ${exitSignal}` : `exit code ${code}`;
      outcome.killedBySystem = exitSignal === 'SIGKILL' && outcome.stopped === null && outcome.record === null;
      killTree(child); // background processes the code started die with it
    });
    child.once('close', finish);
  });
}

function extractRecord(channel: string, nonce: string): string | null {
  const begin = `BEGIN:${nonce}\n`;
  const from = channel.indexOf(begin);
  if (from < 0) return null;
  const to = channel.indexOf(`\nEND:${nonce}\n`, from + begin.length);
  return to < 0 ? null : channel.slice(from + begin.length, to);
}
