// Progress of one candidate, and the platform overview for admins.
import { z } from 'zod';
import { Band, Dimension, Topic } from './domain';

export const ProgressPoint = z.object({ sessionId: z.string(), at: z.string(), score: z.number() });

export const Progress = z.object({
  interviews: z.number().int(),
  /** Overall score per finished interview, oldest first (at most the last 100). */
  overall: z.array(ProgressPoint),
  /** Each dimension's score per finished interview, oldest first. */
  dimensions: z.array(z.object({ dimension: Dimension, points: z.array(ProgressPoint), average: z.number().nullable() })),
  /** Topics by average overall, weakest first. */
  topics: z.array(z.object({ topic: Topic, interviews: z.number().int(), average: z.number() })),
});
export type Progress = z.infer<typeof Progress>;

export const AnalyticsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export const AnalyticsOverview = z.object({
  days: z.number().int(),
  sessions: z.number().int(),
  finished: z.number().int(),
  candidates: z.number().int(),
  averageTurns: z.number().nullable(),
  bands: z.array(z.object({ band: Band, count: z.number().int() })),
  perDay: z.array(z.object({ day: z.string(), sessions: z.number().int() })),
  problems: z.array(z.object({ slug: z.string(), title: z.string(), sessions: z.number().int(), average: z.number().nullable() })),
});
export type AnalyticsOverview = z.infer<typeof AnalyticsOverview>;
