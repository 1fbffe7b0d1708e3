// Adaptive difficulty across sessions: the next problem comes from the candidate's weakest topic, one
// step harder after a strong result there and one step easier after a weak one, unseen problems first.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Recommendation } from '../../../protocol/src/api';
import {
  DIFFICULTIES, DIMENSIONS, TOPICS, type Band, type Difficulty, type Dimension, type Topic,
} from '../../../protocol/src/domain';
import { Evaluation, InterviewSession, Problem, type User } from '../db/entities';
import { notFound } from '../http/errors';
import { toProblemSummary } from './views';

const HISTORY = 50;
/** A topic averaging this or better is not a weakness; the candidate explores a new topic instead. */
const COMFORTABLE = 3;

interface TopicStats { sum: number; count: number; lastBand: Band; lastDifficulty: Difficulty }

const step = (d: Difficulty, by: number): Difficulty => DIFFICULTIES[Math.max(0, Math.min(DIFFICULTIES.length - 1, DIFFICULTIES.indexOf(d) + by))]!;
const BAND_STEP: Record<Band, number> = { 'strong-hire': 1, hire: 1, 'no-hire': 0, 'strong-no-hire': -1 };

export async function recommendNext(em: EntityManager, user: User): Promise<Recommendation> {
  const evaluations = await em.find(Evaluation, { session: { user } }, {
    populate: ['session.problem'], orderBy: { createdAt: 'desc' }, limit: HISTORY,
  });
  const topics = new Map<Topic, TopicStats>();
  const dimensions = new Map<Dimension, number[]>();
  for (const e of [...evaluations].reverse()) { // oldest first, so "last" ends as the newest
    const problem = e.session.problem;
    for (const topic of problem.topics as Topic[]) {
      const t = topics.get(topic) ?? { sum: 0, count: 0, lastBand: e.band, lastDifficulty: problem.difficulty };
      topics.set(topic, { sum: t.sum + e.overall, count: t.count + 1, lastBand: e.band, lastDifficulty: problem.difficulty });
    }
    for (const s of e.scores) dimensions.set(s.dimension, [...(dimensions.get(s.dimension) ?? []), s.score]);
  }
  const mean = (t: TopicStats) => t.sum / t.count;
  const attempted = [...topics.entries()].sort((a, b) => mean(a[1]) - mean(b[1]));
  const weakest = attempted[0];
  const untried = TOPICS.find((t) => !topics.has(t));

  let topic: Topic;
  let difficulty: Difficulty;
  let why: string;
  if (weakest && (mean(weakest[1]) < COMFORTABLE || !untried)) {
    const [name, stats] = weakest;
    topic = name;
    difficulty = step(stats.lastDifficulty, BAND_STEP[stats.lastBand]);
    why = `${name} is your weakest topic (${mean(stats).toFixed(1)}/4 over ${stats.count} interview${stats.count === 1 ? '' : 's'}); `
      + `after ${stats.lastBand} on ${stats.lastDifficulty}, this one is ${difficulty}.`;
  } else {
    topic = untried ?? TOPICS[0];
    const overall = evaluations.length ? evaluations.reduce((s, e) => s + e.overall, 0) / evaluations.length : 0;
    difficulty = overall >= COMFORTABLE ? 'medium' : 'easy';
    why = evaluations.length
      ? `You're doing well on the topics you've practised, so here is a new one: ${topic} (${difficulty}).`
      : `A first ${difficulty} problem to get going: ${topic}.`;
  }

  const problem = await pickProblem(em, user, topic, difficulty);
  const weakestDimension = weakestOf(dimensions);
  const dimensionNote = weakestDimension ? ` Your weakest dimension so far is ${weakestDimension}.` : '';
  return { problem: toProblemSummary(problem), topic, difficulty: problem.difficulty, weakestDimension, reason: why + dimensionNote };
}

function weakestOf(dimensions: Map<Dimension, number[]>): Dimension | null {
  const avg = (d: Dimension) => { const v = dimensions.get(d) ?? []; return v.reduce((a, b) => a + b, 0) / v.length; };
  const known = DIMENSIONS.filter((d) => dimensions.has(d));
  return known.length ? known.reduce((w, d) => (avg(d) < avg(w) ? d : w)) : null;
}

/** A problem of the topic at the nearest difficulty, preferring ones this candidate has not seen. */
async function pickProblem(em: EntityManager, user: User, topic: Topic, difficulty: Difficulty): Promise<Problem> {
  const candidates = await em.find(Problem, { topics: { $contains: [topic] } }, { orderBy: { slug: 'asc' } });
  if (candidates.length === 0) throw notFound(`A problem on ${topic}`);
  const seen = new Set((await em.find(InterviewSession, { user }, { fields: ['problem'] })).map((s) => s.problem.id));
  const distance = (p: Problem) => Math.abs(DIFFICULTIES.indexOf(p.difficulty) - DIFFICULTIES.indexOf(difficulty));
  // Unseen at the right difficulty, then seen at the right difficulty, then the nearest difficulty.
  const rank = (p: Problem) => distance(p) * 2 + Number(seen.has(p.id));
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0]!;
}
