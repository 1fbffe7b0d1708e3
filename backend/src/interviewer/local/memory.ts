// Reads interviewer memory stored by any engine version: missing or malformed fields fall back to defaults.
import { z } from 'zod';
import { initialMemory, type InterviewerMemory } from '../interviewer';

const count = z.number().int().min(0).catch(0);
const strings = z.array(z.string()).catch(() => []);

// `.catch` rather than `.default` so one corrupt field costs only that field, not the whole memory.
const InterviewerMemorySchema = z.object({
  lastCodeHash: z.string().nullable().catch(null),
  lastCodeLines: count,
  lastCodeLineKeys: strings,
  quotedLineKeys: strings,
  clarifyingQuestions: count,
  hintsGiven: count,
  stageTurns: count,
  stageStartedMs: z.number().min(0).catch(0),
  asked: strings,
}) satisfies z.ZodType<InterviewerMemory, unknown>;

export function parseMemory(raw: unknown): InterviewerMemory {
  const parsed = InterviewerMemorySchema.safeParse(raw);
  return parsed.success ? parsed.data : initialMemory();
}

/** Memory equality by value, so an unchanged memory is not yielded (and persisted) again. */
export function sameMemory(a: InterviewerMemory, b: InterviewerMemory): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
