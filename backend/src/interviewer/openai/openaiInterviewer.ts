// The OpenAI interviewer: the model's words stream out as they arrive and its decisions come as tool calls.
// Memory is kept the way the local engine keeps it, so the local engine can take over any single turn.
import OpenAI, { type ClientOptions } from 'openai';
import type { Logger } from 'pino';
import type {
  EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerMemory, InterviewerOutput,
} from '../interviewer';
import { analyzeCode, rememberCode, significantChange, starterKey } from '../local/codeInsight';
import { LocalInterviewer } from '../local/localInterviewer';
import { parseMemory, sameMemory } from '../local/memory';
import { evaluateWithModel } from './evaluation';
import { buildMessages } from './prompt';
import { TOOL_DEFINITIONS, ToolCallCollector, applyToolCalls } from './tools';

export interface OpenAiInterviewerOptions {
  apiKey: string;
  /** Any OpenAI-compatible server (…/v1); undefined means the SDK's default (api.openai.com). */
  baseUrl: string | undefined;
  model: string;
  log: Logger;
  /** Whole-request limit for one turn; a slow first token is the fallback adapter's concern, not this. */
  requestTimeoutMs?: number;
  evaluationTimeoutMs?: number;
  /** Deterministic scoring the model's scores are blended with. */
  local?: Interviewer;
}

/** The model finished a turn that needs an answer without saying anything: a failure, so the fallback answers. */
export class EmptyReplyError extends Error {
  override name = 'EmptyReplyError';
}

export class OpenAiInterviewer implements Interviewer {
  private readonly client: OpenAI;
  private readonly local: Interviewer;

  constructor(private readonly options: OpenAiInterviewerOptions) {
    // No SDK retries: a retry would blow the first-token budget; the fallback adapter answers instead.
    this.client = new OpenAI({
      apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: options.requestTimeoutMs ?? 30_000,
      logger: sdkLogger(options.log), logLevel: 'warn',
    });
    this.local = options.local ?? new LocalInterviewer();
  }

  async *respond(ctx: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    if (signal.aborted) return;
    const memory = parseMemory(ctx.memory);
    let seenCode: Partial<InterviewerMemory> = {};
    if (event.kind === 'code-settled') {
      // The local engine's gate: small edits are not worth a request (or a remark).
      const read = codeWorthARemark(ctx, memory);
      if (!read) return;
      seenCode = read;
    }
    if (event.kind === 'candidate-answer') memory.stageTurns += 1;

    const collector = new ToolCallCollector();
    let spoke = false;
    try {
      const stream = await this.client.chat.completions.create(
        { model: this.options.model, messages: buildMessages(ctx, event), tools: TOOL_DEFINITIONS, stream: true },
        { signal },
      );
      for await (const chunk of stream) {
        if (signal.aborted) return;
        const delta = chunk.choices[0]?.delta;
        if (delta?.tool_calls) collector.add(delta.tool_calls);
        if (!delta?.content) continue;
        // Leading whitespace before the first word would become a turn that starts with a blank.
        const text = spoke ? delta.content : delta.content.trimStart();
        if (text === '') continue;
        spoke = true;
        yield { kind: 'text', delta: text };
      }
    } catch (err) {
      if (signal.aborted) return; // barge-in: the SDK reports the abort as an error; it is not one
      throw err;
    }
    if (signal.aborted) return;
    if (!spoke && event.kind === 'code-settled') return; // chose to stay quiet: no turn
    if (!spoke) throw new EmptyReplyError(`the model returned no words for ${event.kind}`);

    const actions = applyToolCalls(collector.finish(), {
      stage: ctx.stage, memory: { ...memory, ...seenCode }, elapsedMs: ctx.elapsedMs, hintCount: ctx.problem.hints.length,
    });
    for (const { call, reason } of actions.rejected) {
      this.options.log.warn({ tool: call.name, arguments: call.arguments.slice(0, 300), reason }, 'ignored an invalid tool call from the model');
    }
    if (actions.stage !== ctx.stage) yield { kind: 'stage', stage: actions.stage };
    if (!sameMemory(actions.memory, ctx.memory)) yield { kind: 'memory', memory: actions.memory };
    if (actions.runTests) yield { kind: 'run-tests' };
    if (actions.end) yield { kind: 'end' };
  }

  async evaluate(ctx: InterviewContext): Promise<EvaluationDraft> {
    const local = await this.local.evaluate(ctx);
    return evaluateWithModel(
      { client: this.client, model: this.options.model, log: this.options.log, timeoutMs: this.options.evaluationTimeoutMs ?? 60_000 },
      ctx, local,
    );
  }
}

/** The SDK's own complaints (e.g. an unparsable stream chunk) go to our log, not to the console. */
function sdkLogger(log: Logger): NonNullable<ClientOptions['logger']> {
  const to = (level: 'error' | 'warn' | 'info' | 'debug') => (message: string, ...details: unknown[]): void => {
    log[level]({ component: 'openai-sdk', details }, message);
  };
  return { error: to('error'), warn: to('warn'), info: to('info'), debug: to('debug') };
}

/** Memory fields pinning the code when it changed enough since the last remark; null when it did not. */
function codeWorthARemark(ctx: InterviewContext, memory: InterviewerMemory): Partial<InterviewerMemory> | null {
  if (!ctx.code || ctx.stage === 'wrap-up') return null;
  const insight = analyzeCode(ctx.code.text, ctx.code.language, ctx.code.diagnostics);
  const starter = ctx.problem.starterCode[starterKey(ctx.code.language)];
  const baseline = { hash: memory.lastCodeHash, lineKeys: memory.lastCodeLineKeys, lines: memory.lastCodeLines };
  return significantChange(insight, baseline, starter, ctx.code.language) ? rememberCode(insight) : null;
}
