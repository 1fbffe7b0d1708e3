// The admin overview over a time window. Every query is bounded by interview_session.started_at (indexed)
// and joins evaluation by its unique session_id; turn counts come from the session's last_seq, so the
// turn table (millions of rows) is never scanned.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsOverview } from '../../../protocol/src/analytics';
import type { Band } from '../../../protocol/src/domain';

const num = (v: unknown) => Number(v ?? 0);

export async function overview(em: EntityManager, days: number): Promise<AnalyticsOverview> {
  const db = em.getConnection();
  const since = new Date(Date.now() - days * 86_400_000);
  const [totals, bands, perDay, problems] = await Promise.all([
    db.execute<{ sessions: string; finished: string; candidates: string; average_turns: string | null }[]>(
      `select count(*) as sessions, count(*) filter (where state = 'ended') as finished,
              count(distinct user_id) as candidates, avg(last_seq) as average_turns
         from interview_session where started_at >= ?`, [since]),
    db.execute<{ band: Band; count: string }[]>(
      `select e.band, count(*) as count from interview_session s join evaluation e on e.session_id = s.id
        where s.started_at >= ? group by e.band order by e.band`, [since]),
    db.execute<{ day: Date; sessions: string }[]>(
      `select date_trunc('day', started_at) as day, count(*) as sessions from interview_session
        where started_at >= ? group by 1 order by 1`, [since]),
    db.execute<{ slug: string; title: string; sessions: string; average: string | null }[]>(
      `select p.slug, p.title, count(*) as sessions, avg(e.overall) as average
         from interview_session s join problem p on p.id = s.problem_id left join evaluation e on e.session_id = s.id
        where s.started_at >= ? group by p.slug, p.title order by count(*) desc limit 50`, [since]),
  ]);
  const t = totals[0]!;
  return {
    days,
    sessions: num(t.sessions),
    finished: num(t.finished),
    candidates: num(t.candidates),
    averageTurns: t.average_turns === null ? null : Math.round(num(t.average_turns) * 10) / 10,
    bands: bands.map((b) => ({ band: b.band, count: num(b.count) })),
    perDay: perDay.map((d) => ({ day: new Date(d.day).toISOString().slice(0, 10), sessions: num(d.sessions) })),
    problems: problems.map((p) => ({
      slug: p.slug, title: p.title, sessions: num(p.sessions), average: p.average === null ? null : Math.round(num(p.average) * 100) / 100,
    })),
  };
}
