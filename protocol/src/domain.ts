// Shared domain vocabulary of an interview: used by the backend, the extension host and the webview.
import { z } from 'zod';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

export const TOPICS = [
  'arrays-hashing', 'two-pointers', 'sliding-window', 'stack', 'binary-search', 'linked-lists',
  'trees', 'graphs', 'heaps', 'intervals', 'dynamic-programming', 'strings',
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

export const LANGUAGES = ['javascript', 'typescript', 'python'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Stages of an interview, in order. */
export const STAGES = ['intro', 'clarify', 'approach', 'code', 'test', 'wrap-up'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const SESSION_STATES = ['active', 'ended'] as const;
export const SessionState = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof SessionState>;

export const MODES = ['text', 'voice'] as const;
export const Mode = z.enum(MODES);
export type Mode = z.infer<typeof Mode>;

export const Speaker = z.enum(['interviewer', 'candidate']);
export type Speaker = z.infer<typeof Speaker>;

export const DIMENSIONS = ['problem-solving', 'coding', 'communication', 'verification'] as const;
export const Dimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof Dimension>;

export const BANDS = ['strong-hire', 'hire', 'no-hire', 'strong-no-hire'] as const;
export const Band = z.enum(BANDS);
export type Band = z.infer<typeof Band>;

const Json: z.ZodType<unknown> = z.unknown();

/** A language-neutral test case: positional arguments in, expected value out (JSON values). */
export const TestCase = z.object({
  args: z.array(Json),
  expected: Json,
  /** How results compare: exact deep equality, or equality ignoring order of the outer array. */
  compare: z.enum(['exact', 'unordered']).default('exact'),
});
export type TestCase = z.infer<typeof TestCase>;

export const Example = z.object({
  input: z.string().min(1),
  output: z.string().min(1),
  explanation: z.string().optional(),
});
export type Example = z.infer<typeof Example>;

export const StarterCode = z.object({
  javascript: z.string(),
  typescript: z.string(),
  python: z.string(),
});
export type StarterCode = z.infer<typeof StarterCode>;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens').max(80);

/** Everything an author writes about a problem, hidden tests included (admin view and seed data). */
export const ProblemSpec = z.object({
  slug,
  title: z.string().min(3).max(120),
  statement: z.string().min(20).max(8000),
  topics: z.array(Topic).min(1),
  difficulty: Difficulty,
  /** Name of the function the candidate implements; the test harness calls it with TestCase.args. */
  functionName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  constraints: z.array(z.string().min(1)).min(1),
  examples: z.array(Example).min(1),
  hints: z.array(z.string().min(1)).min(1),
  targetTime: z.string().min(1).max(40),
  targetSpace: z.string().min(1).max(40),
  starterCode: StarterCode,
  testCases: z.array(TestCase).min(3),
});
export type ProblemSpec = z.infer<typeof ProblemSpec>;

/** What a candidate sees of a problem: no hidden tests. */
export const ProblemPublic = ProblemSpec.omit({ testCases: true }).extend({
  id: z.string(),
});
export type ProblemPublic = z.infer<typeof ProblemPublic>;

export const ProblemSummary = ProblemPublic.pick({ id: true, slug: true, title: true, topics: true, difficulty: true });
export type ProblemSummary = z.infer<typeof ProblemSummary>;

export const Position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
export type Position = z.infer<typeof Position>;
export const Selection = z.object({ anchor: Position, active: Position });
export type Selection = z.infer<typeof Selection>;
export const Diagnostic = z.object({
  line: z.number().int().min(0),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string().max(2000),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

export const TurnView = z.object({
  id: z.string(),
  seq: z.number().int().min(1),
  speaker: Speaker,
  text: z.string(),
  stage: Stage,
  startedAt: z.string(),
  endedAt: z.string(),
  interrupted: z.boolean(),
  clientMessageId: z.string().nullable(),
});
export type TurnView = z.infer<typeof TurnView>;

export const CodeSnapshotView = z.object({
  id: z.string(),
  seq: z.number().int().min(1),
  language: z.string(),
  text: z.string(),
  contentHash: z.string(),
  documentVersion: z.number().int(),
  cursor: Position.nullable(),
  createdAt: z.string(),
});
export type CodeSnapshotView = z.infer<typeof CodeSnapshotView>;

export const Evidence = z.object({
  kind: z.enum(['turn', 'code', 'signal']),
  /** Turn seq for kind 'turn', snapshot seq for kind 'code'. */
  ref: z.number().int().nullable(),
  /** 1-based line of the snapshot, as people count lines. */
  line: z.number().int().min(1).nullable(),
  quote: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const DimensionScore = z.object({
  dimension: Dimension,
  score: z.number().int().min(1).max(4),
  evidence: z.array(Evidence),
});
export type DimensionScore = z.infer<typeof DimensionScore>;

export const EvaluationView = z.object({
  band: Band,
  overall: z.number().min(1).max(4),
  scores: z.array(DimensionScore),
  summary: z.string(),
  createdAt: z.string(),
});
export type EvaluationView = z.infer<typeof EvaluationView>;

export const SessionSummary = z.object({
  id: z.string(),
  problem: ProblemSummary,
  mode: Mode,
  language: Language,
  state: SessionState,
  stage: Stage,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  band: Band.nullable(),
  overall: z.number().nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionDetail = SessionSummary.extend({
  problem: ProblemPublic,
  turns: z.array(TurnView),
  codeSnapshots: z.array(CodeSnapshotView),
  evaluation: EvaluationView.nullable(),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
