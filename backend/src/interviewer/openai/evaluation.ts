// Scoring with the model: a schema-checked score from the model is blended with the deterministic local
// score, so one confused reply cannot swing a result, and every quote shown to the candidate is real.
import type OpenAI from 'openai';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Band, DIMENSIONS, Dimension, type Evidence } from '../../../../protocol/src/domain';
import type { EvaluationDraft, InterviewContext } from '../interviewer';
import { analyzeCode, linesBeyondStarter, starterKey } from '../local/codeInsight';
import { parseMemory } from '../local/memory';
import { bandFor } from '../local/scoring';
import { codeBrief, problemBrief, rubricBrief, type PromptMessage } from './prompt';

const ModelScore = z.object({
  dimension: Dimension,
  score: z.number().int().min(1).max(4),
  evidence: z.array(z.string()).max(10),
});

export const ModelEvaluation = z.object({
  scores: z.array(ModelScore).length(DIMENSIONS.length)
    .refine((scores) => DIMENSIONS.every((d) => scores.some((s) => s.dimension === d)), 'each dimension exactly once'),
  band: Band,
  summary: z.string().trim().min(1).max(3000),
});
export type ModelEvaluation = z.infer<typeof ModelEvaluation>;

/** Model quotes kept per dimension: enough to back a score without burying the local evidence. */
const MODEL_QUOTES_KEPT = 3;
const QUOTE_MAX = 160;

const INSTRUCTIONS = [
  'You score a finished mock coding interview. Judge only the candidate, from the transcript and the final code.',
  'Reply with one JSON object and nothing else, shaped exactly like:',
  '{"scores":[{"dimension":"problem-solving","score":3,"evidence":["exact quote"]},{"dimension":"coding",...},{"dimension":"communication",...},{"dimension":"verification",...}],"band":"hire","summary":"two or three sentences"}',
  'score is an integer from 1 (poor) to 4 (excellent). band is one of strong-hire, hire, no-hire, strong-no-hire.',
  'evidence: up to three short quotes copied verbatim from the candidate\'s words or from single lines of the code; never paraphrase.',
].join('\n');

export function evaluationMessages(ctx: InterviewContext): PromptMessage[] {
  const memory = parseMemory(ctx.memory);
  const transcript = ctx.turns.filter((t) => t.text.trim() !== '')
    .map((t) => `[${t.seq}] ${t.speaker === 'candidate' ? 'Candidate' : 'Interviewer'} (${t.stage}): ${t.text}`).join('\n');
  const facts = `Hints given: ${memory.hintsGiven} of ${ctx.problem.hints.length}. Interview length: ${Math.round(ctx.elapsedMs / 60_000)} min.`;
  return [
    { role: 'system', content: [INSTRUCTIONS, rubricBrief(), problemBrief(ctx.problem)].join('\n\n') },
    { role: 'user', content: [`# Transcript\n${transcript || '(nothing was said)'}`, facts, codeBrief(ctx.code)].join('\n\n') },
  ];
}

/** Parses the model's reply text, or says why it is not JSON of the agreed shape. */
export function parseModelEvaluation(content: string): { ok: true; value: ModelEvaluation } | { ok: false; reason: string } {
  let raw: unknown;
  try { raw = JSON.parse(content); } catch { return { ok: false, reason: 'reply is not JSON' }; }
  const parsed = ModelEvaluation.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data }
    : { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

const normalize = (text: string): string => text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();

/** Strips what models add around a quote: quotation marks, ellipses, a copied "12| " line-number prefix. */
const cleanQuote = (quote: string): string =>
  quote.trim().replace(/^\s*\d+\s*\|\s?/, '').replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').replace(/^(\.\.\.|…)\s*|\s*(\.\.\.|…)$/g, '').trim();

/** Finds a model quote in the candidate's words or the code; null when it quotes something that was never there. */
export function locateQuote(quote: string, ctx: InterviewContext): Evidence | null {
  const clean = cleanQuote(quote);
  const needle = normalize(clean);
  if (needle.length < 4) return null;
  const cut = clean.length > QUOTE_MAX ? `${clean.slice(0, QUOTE_MAX - 1)}…` : clean;
  // Only the candidate's own words count as evidence about the candidate, never the interviewer's.
  const turn = ctx.turns.find((t) => t.speaker === 'candidate' && normalize(t.text).includes(needle));
  if (turn) return { kind: 'turn', ref: turn.seq, line: null, quote: cut };
  const lines = ctx.code?.text.split('\n') ?? [];
  const firstLine = normalize(clean.split('\n')[0]);
  const at = lines.findIndex((line) => normalize(line).includes(firstLine));
  if (at >= 0 && normalize(lines.join('\n')).includes(needle)) return { kind: 'code', ref: ctx.code?.snapshotSeq ?? null, line: at + 1, quote: cut };
  return null;
}

const evidenceKey = (e: Evidence): string => `${e.kind}:${e.ref}:${e.line}:${normalize(e.quote)}`;

/** The local evidence, then up to a few model quotes it does not already contain. */
function mergeEvidence(local: readonly Evidence[], fromModel: readonly Evidence[]): Evidence[] {
  const merged = [...local];
  const seen = new Set(local.map(evidenceKey));
  for (const e of fromModel) {
    if (merged.length - local.length >= MODEL_QUOTES_KEPT) break;
    if (seen.has(evidenceKey(e))) continue;
    seen.add(evidenceKey(e));
    merged.push(e);
  }
  return merged;
}

/**
 * Per dimension: the mean of both scores rounded half up, and the union of the evidence. A gap of two or
 * more points is flagged in the summary for a human to look at; the band comes from the blended overall.
 */
export function blendEvaluations(local: EvaluationDraft, model: ModelEvaluation, ctx: InterviewContext): EvaluationDraft {
  const disagreements: string[] = [];
  const scores = DIMENSIONS.map((dimension) => {
    const ours = local.scores.find((s) => s.dimension === dimension);
    const theirs = model.scores.find((s) => s.dimension === dimension);
    const localScore = ours?.score ?? 1;
    const modelScore = theirs?.score ?? localScore;
    if (Math.abs(localScore - modelScore) >= 2) disagreements.push(`${dimension} (model ${modelScore}, rule-based ${localScore})`);
    const quoted = (theirs?.evidence ?? []).map((q) => locateQuote(q, ctx)).filter((e): e is Evidence => e !== null);
    return { dimension, score: Math.floor((localScore + modelScore) / 2 + 0.5), evidence: mergeEvidence(ours?.evidence ?? [], quoted) };
  });
  const overall = Math.round((scores.reduce((sum, s) => sum + s.score, 0) / scores.length) * 100) / 100;
  const band = bandFor(overall);
  const summary = [
    `Overall ${overall.toFixed(2)} out of 4 (${band}), blending the model's assessment with the rule-based checks.`,
    model.summary,
    disagreements.length > 0
      ? `Flagged disagreement on ${disagreements.join(' and ')}: the two assessments differ by two or more points, so that score deserves a second look.`
      : null,
  ].filter((s): s is string => s !== null);
  return { band, overall, scores, summary: summary.join(' ') };
}

/** Nothing heard and no code: there is nothing for a model to judge, and the local "nothing to assess" stands. */
export function hasSomethingToAssess(ctx: InterviewContext): boolean {
  if (ctx.turns.some((t) => t.speaker === 'candidate' && t.text.trim() !== '')) return true;
  if (!ctx.code || ctx.code.text.trim() === '') return false;
  const insight = analyzeCode(ctx.code.text, ctx.code.language, ctx.code.diagnostics);
  return linesBeyondStarter(insight, ctx.problem.starterCode[starterKey(ctx.code.language)], ctx.code.language) > 0;
}

export interface ModelEvaluator {
  client: OpenAI;
  model: string;
  log: Logger;
  timeoutMs: number;
}

/**
 * The local score blended with the model's. Transport failures propagate (the fallback adapter counts
 * them); a reply that is not a valid score only costs the blend, so the local evaluation is returned.
 */
export async function evaluateWithModel(evaluator: ModelEvaluator, ctx: InterviewContext, local: EvaluationDraft): Promise<EvaluationDraft> {
  if (!hasSomethingToAssess(ctx)) return local;
  const completion = await evaluator.client.chat.completions.create(
    { model: evaluator.model, messages: evaluationMessages(ctx), response_format: { type: 'json_object' } },
    { timeout: evaluator.timeoutMs },
  );
  const content = completion.choices[0]?.message.content ?? '';
  const parsed = parseModelEvaluation(content);
  if (!parsed.ok) {
    evaluator.log.warn({ reason: parsed.reason, reply: content.slice(0, 300) }, 'model evaluation was invalid; using the local evaluation alone');
    return local;
  }
  return blendEvaluations(local, parsed.value, ctx);
}
