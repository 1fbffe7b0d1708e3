// A candidate's progress: per-dimension trends and weakest topics from their finished interviews.
// One indexed query (interview_session_user_started), then arithmetic in memory over ≤ 100 rows.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Progress } from '../../../protocol/src/analytics';
import { DIMENSIONS, type DimensionScore, type Topic } from '../../../protocol/src/domain';

const LIMIT = 100;

interface Row { session_id: string; started_at: Date; overall: number; scores: DimensionScore[]; topics: Topic[] }

const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);

export async function progressOf(em: EntityManager, userId: string): Promise<Progress> {
  const rows = await em.getConnection().execute<Row[]>(
    `select s.id as session_id, s.started_at, e.overall, e.scores, p.topics
       from interview_session s
       join evaluation e on e.session_id = s.id
       join problem p on p.id = s.problem_id
      where s.user_id = ?
      order by s.started_at desc
      limit ${LIMIT}`,
    [userId],
  );
  rows.reverse();
  const at = (r: Row) => new Date(r.started_at).toISOString();
  const dimensions = DIMENSIONS.map((dimension) => {
    const points = rows.flatMap((r) => {
      const score = r.scores.find((s) => s.dimension === dimension)?.score;
      return score === undefined ? [] : [{ sessionId: r.session_id, at: at(r), score }];
    });
    return { dimension, points, average: mean(points.map((p) => p.score)) };
  });
  const byTopic = new Map<Topic, number[]>();
  for (const r of rows) for (const t of r.topics) byTopic.set(t, [...(byTopic.get(t) ?? []), r.overall]);
  const topics = [...byTopic.entries()]
    .map(([topic, scores]) => ({ topic, interviews: scores.length, average: mean(scores)! }))
    .sort((a, b) => a.average - b.average || a.topic.localeCompare(b.topic));
  return {
    interviews: rows.length,
    overall: rows.map((r) => ({ sessionId: r.session_id, at: at(r), score: r.overall })),
    dimensions,
    topics,
  };
}
