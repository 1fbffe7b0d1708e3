// Runs the hidden tests the server sends on the candidate's machine and reports the verdicts back.
// No vscode import: the host hands in the solution's text, so node tests drive this against a real backend.
import type { Language } from '../../../protocol/src/domain';
import type { ClientMessageOf, ServerMessage } from '../../../protocol/src/session';
import { clipForWire, type TestRunRequest, type TestRunResult } from '../../../protocol/src/testRun';
import { Listeners, type Subscription } from '../connection/listeners';
import type { SessionSocket } from '../connection/sessionSocket';
import { runTests, type RunOptions } from '../runner/runTests';
import type { RunRequest, RunResult } from '../runner/types';

export interface SolutionText { text: string; version: number }

export interface TestRunsHost {
  socket: Pick<SessionSocket, 'onMessage' | 'onJoin' | 'requestTests' | 'reportTests'>;
  /** Sends the edits not synced yet, so the server holds the version the tests are about to run on. */
  flushCode(): void;
  /** The solution document as it is now; rejects or returns null when it cannot be read. */
  readSolution(): Promise<SolutionText | null>;
  /** Interpreters and module paths; read per run so a changed setting applies to the next run. */
  runnerOptions(): Omit<RunOptions, 'signal'>;
  log(line: string): void;
  /** The runner (tests may substitute one). */
  run?: (request: RunRequest, options: RunOptions) => Promise<RunResult>;
}

export interface CompletedRun { runId: string; ranOnVersion: number; result: TestRunResult }
export interface MissingToolchain { language: Language; message: string }
/** What asking for a run did: sent, refused because one is pending, or impossible while disconnected. */
export type RunRequestOutcome = 'requested' | 'busy' | 'offline';

export class TestRuns {
  readonly onDidStart = new Listeners<{ runId: string }>();
  readonly onDidComplete = new Listeners<CompletedRun>();
  /** The runner found no interpreter; fires once per distinct message, which says what to install. */
  readonly onMissingToolchain = new Listeners<MissingToolchain>();

  private readonly abort = new AbortController();
  private readonly subscriptions: Subscription[];
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private runningId: string | null = null;
  /** Our tests/run that the server has not answered yet. */
  private awaitingRequestId: string | null = null;
  /** Reports the dropped connection did not take; resent after the next join (the server stores a run once). */
  private readonly unsent = new Map<string, ClientMessageOf<'tests/didRun'>>();
  private readonly warned = new Set<string>();
  private latestValue: CompletedRun | null = null;

  constructor(private readonly host: TestRunsHost) {
    this.subscriptions = [
      host.socket.onMessage.on((message) => this.receive(message)),
      host.socket.onJoin.on(() => this.rejoined()),
    ];
  }

  /** The last finished run, for a panel that (re)opens after it. */
  get latest(): CompletedRun | null { return this.latestValue; }
  /** The run in progress, if any. */
  get running(): string | null { return this.runningId; }
  /** A run is queued, in progress, or asked for and not yet sent by the server. */
  get busy(): boolean { return this.queued > 0 || this.awaitingRequestId !== null; }

  /** The candidate asks for a run (command or panel button); the server answers with tests/runRequested. */
  request(): RunRequestOutcome {
    if (this.busy) return 'busy';
    const requestId = this.host.socket.requestTests();
    if (requestId === null) return 'offline';
    this.awaitingRequestId = requestId;
    return 'requested';
  }

  /** The interview ended: kills a run in progress and drops queued ones (nobody waits for their results). */
  dispose(): void {
    if (this.abort.signal.aborted) return;
    this.abort.abort(new Error('The interview ended.'));
    for (const subscription of this.subscriptions) subscription.dispose();
    this.onDidStart.clear();
    this.onDidComplete.clear();
    this.onMissingToolchain.clear();
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'tests/runRequested') {
      if (message.requestId !== null && message.requestId === this.awaitingRequestId) this.awaitingRequestId = null;
      this.enqueue(message.run);
    } else if (message.type === 'error' && message.requestId !== null && message.requestId === this.awaitingRequestId) {
      this.awaitingRequestId = null; // refused (e.g. the session ended): the candidate may ask again
    }
  }

  /**
   * Runs go one at a time, in the order requested. A second request waits rather than superseding the first:
   * the server keeps a TestRun per request and the interviewer reacts to each report, so aborting one would
   * leave it unanswered for good; and a queued run reads the document when it starts, so it tests the newest code.
   */
  private enqueue(run: TestRunRequest): void {
    this.queued += 1;
    this.queue = this.queue
      .then(() => this.execute(run))
      .catch((err: unknown) => this.host.log(`test run ${run.runId} failed: ${errorText(err)}`))
      .finally(() => { this.queued -= 1; });
  }

  private async execute(run: TestRunRequest): Promise<void> {
    const { signal } = this.abort;
    if (signal.aborted) return;
    this.runningId = run.runId;
    this.onDidStart.emit({ runId: run.runId });
    try {
      const { version, result, missingToolchain } = await this.produce(run, signal);
      if (signal.aborted) return;
      if (missingToolchain) this.warnMissing(run.language, result.missing ?? '');
      this.report({ runId: run.runId, ranOnVersion: version, result: clipForWire(result) });
    } finally {
      this.runningId = null;
    }
  }

  /** The verdicts, or a result whose `missing` says why there are none: the server and interviewer handle that. */
  private async produce(run: TestRunRequest, signal: AbortSignal): Promise<{ version: number; result: TestRunResult; missingToolchain: boolean }> {
    let version = 0;
    try {
      this.host.flushCode();
      const solution = await this.host.readSolution();
      if (!solution) return { version, result: notRun('The solution file is not open and could not be read.'), missingToolchain: false };
      version = solution.version;
      const { language, functionName, testCases, limits } = run;
      const result = await (this.host.run ?? runTests)(
        { language, code: solution.text, functionName, testCases, limits }, { ...this.host.runnerOptions(), signal });
      return { version, result, missingToolchain: result.toolchain === null && result.missing !== undefined };
    } catch (err) {
      if (!signal.aborted) this.host.log(`test run ${run.runId} could not run: ${errorText(err)}`);
      return { version, result: notRun(`The tests could not be run on this machine: ${errorText(err)}`), missingToolchain: false };
    }
  }

  private report(completed: CompletedRun): void {
    const message: ClientMessageOf<'tests/didRun'> = {
      type: 'tests/didRun', runId: completed.runId, documentVersion: completed.ranOnVersion, result: completed.result,
    };
    if (!this.host.socket.reportTests(message)) {
      this.host.log(`test run ${completed.runId} finished while disconnected; reporting it after reconnecting`);
      this.unsent.set(completed.runId, message);
    }
    this.latestValue = completed;
    this.onDidComplete.emit(completed);
  }

  private rejoined(): void {
    this.awaitingRequestId = null; // an answer to it was lost with the old connection
    for (const [runId, message] of this.unsent) {
      if (this.host.socket.reportTests(message)) this.unsent.delete(runId);
    }
  }

  private warnMissing(language: Language, message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.onMissingToolchain.emit({ language, message });
  }
}

function notRun(reason: string): TestRunResult {
  return { toolchain: null, missing: reason.slice(0, 1000), cases: [], passed: 0, failed: 0 }; // the protocol's cap
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
