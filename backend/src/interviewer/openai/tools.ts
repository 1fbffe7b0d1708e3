// The model's structured actions. Tool definitions are derived from the same zod schemas that validate
// the calls, streamed tool-call fragments are reassembled, and a call changes the interview only when valid.
import type { ChatCompletionChunk, ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { STAGES, Stage } from '../../../../protocol/src/domain';
import type { InterviewerMemory } from '../interviewer';

const TOOLS = {
  advance_stage: {
    description: 'Move the interview to a later stage (never back). Call it when your reply starts that stage.',
    schema: z.object({ stage: Stage.describe('The stage the interview moves to') }),
  },
  give_hint: {
    description: 'Record that your reply gives the candidate a hint.',
    schema: z.object({ level: z.number().int().min(1).describe('Number of the problem hint you are giving, 1 = gentlest') }),
  },
  run_tests: {
    description: "Run the problem's hidden tests on the candidate's current code (on their machine); the results arrive as a new event.",
    schema: z.object({}),
  },
  end_interview: {
    description: 'End the interview after this reply (your closing words must be in the reply).',
    schema: z.object({}),
  },
} as const;

export type ToolName = keyof typeof TOOLS;

function parametersOf(schema: z.ZodType): Record<string, unknown> {
  // The `$schema` dialect marker is noise to the model and some compatible servers reject unknown keys.
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(schema);
  return parameters;
}

export const TOOL_DEFINITIONS: ChatCompletionFunctionTool[] = (Object.keys(TOOLS) as ToolName[]).map((name) => ({
  type: 'function',
  function: { name, description: TOOLS[name].description, parameters: parametersOf(TOOLS[name].schema) },
}));

/** One tool call as the model finished it: arguments are still unparsed text. */
export interface ToolCall {
  name: string;
  arguments: string;
}

type ToolCallDelta = ChatCompletionChunk.Choice.Delta.ToolCall;

/** Reassembles tool calls whose name and arguments arrive in fragments across stream chunks, keyed by index. */
export class ToolCallCollector {
  private readonly calls = new Map<number, ToolCall>();

  add(deltas: readonly ToolCallDelta[]): void {
    for (const delta of deltas) {
      const call = this.calls.get(delta.index) ?? { name: '', arguments: '' };
      // The name comes whole in the first fragment; later fragments only extend the arguments.
      if (!call.name && delta.function?.name) call.name = delta.function.name;
      if (delta.function?.arguments) call.arguments += delta.function.arguments;
      this.calls.set(delta.index, call);
    }
  }

  finish(): ToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }
}

export interface TurnActions {
  stage: Stage;
  memory: InterviewerMemory;
  end: boolean;
  runTests: boolean;
  /** Calls that were ignored, with the reason, for the log. */
  rejected: { call: ToolCall; reason: string }[];
}

export interface ActionContext {
  stage: Stage;
  memory: InterviewerMemory;
  elapsedMs: number;
  hintCount: number;
}

function parseArguments(text: string): unknown {
  // Some servers send an empty string rather than `{}` for a call without arguments.
  return JSON.parse(text.trim() === '' ? '{}' : text);
}

/** Applies the valid calls in order; an invalid one is reported and skipped, never thrown. */
export function applyToolCalls(calls: readonly ToolCall[], start: ActionContext): TurnActions {
  const actions: TurnActions = { stage: start.stage, memory: { ...start.memory }, end: false, runTests: false, rejected: [] };
  for (const call of calls) {
    let raw: unknown;
    try { raw = parseArguments(call.arguments); } catch { actions.rejected.push({ call, reason: 'arguments are not JSON' }); continue; }
    const reason = applyOne(call.name, raw, actions, start);
    if (reason) actions.rejected.push({ call, reason });
  }
  return actions;
}

function applyOne(name: string, raw: unknown, actions: TurnActions, start: ActionContext): string | null {
  switch (name) {
    case 'advance_stage': {
      const args = TOOLS.advance_stage.schema.safeParse(raw);
      if (!args.success) return `invalid arguments: ${args.error.issues.map((i) => i.message).join('; ')}`;
      if (STAGES.indexOf(args.data.stage) <= STAGES.indexOf(actions.stage)) return `stage ${args.data.stage} is not after ${actions.stage}`;
      actions.stage = args.data.stage;
      // Same bookkeeping as the local engine, so it can take over mid-interview with the right stage clock.
      actions.memory.stageStartedMs = start.elapsedMs;
      actions.memory.stageTurns = 0;
      return null;
    }
    case 'give_hint': {
      const args = TOOLS.give_hint.schema.safeParse(raw);
      if (!args.success) return `invalid arguments: ${args.error.issues.map((i) => i.message).join('; ')}`;
      if (args.data.level > start.hintCount) return `level ${args.data.level} but the problem has ${start.hintCount} hints`;
      actions.memory.hintsGiven = Math.min(actions.memory.hintsGiven + 1, start.hintCount);
      return null;
    }
    case 'run_tests': {
      if (!TOOLS.run_tests.schema.safeParse(raw).success) return 'invalid arguments';
      actions.runTests = true;
      return null;
    }
    case 'end_interview': {
      const args = TOOLS.end_interview.schema.safeParse(raw);
      if (!args.success) return 'invalid arguments';
      actions.end = true;
      return null;
    }
    default: return `unknown tool ${JSON.stringify(name)}`;
  }
}
