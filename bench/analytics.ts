// Benchmark: analytics at scale. Seeds a fresh database with 100,000 sessions, 1,000,000 turns and 100,000
// evaluations (SQL generate_series), then times the candidate progress query and the admin overview,
// with the indexes and — for the ratio — without the per-user index. Run: npm run bench:analytics [-- sessions]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { progressOf } from '../backend/src/analytics/progress';
import { overview } from '../backend/src/analytics/overview';
import { ormOptions } from '../backend/src/db/orm';
import { problemBank } from '../backend/src/problems/bank';
import { seedProblems } from '../backend/src/problems/seed';
import { stopAllTestBackends, testDatabase } from '../test/support/backend';

const sessions = Number(process.argv[2] ?? 100_000);
const users = Math.max(10, Math.round(sessions / 50));
const turnsPerSession = 10;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: +at(50).toFixed(2), p95: +at(95).toFixed(2) };
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await fn(i); out.push(performance.now() - t); }
  return out;
}

async function main(): Promise<void> {
  const base = await testDatabase();
  const name = `mocktalk_bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = await MikroORM.init(ormOptions(base.url));
  await admin.em.getConnection().execute(`create database "${name}"`);
  const url = new URL(base.url); url.pathname = `/${name}`;
  const orm = await MikroORM.init(ormOptions(url.toString()));
  await orm.getMigrator().up();
  await seedProblems(orm.em.fork(), problemBank);
  const db = orm.em.getConnection();
  const seedStart = performance.now();
  await db.execute(`insert into app_user (id, email, display_name, role, password_hash, created_at, updated_at)
    select gen_random_uuid(), 'u' || i || '@bench.test', 'User ' || i, 'user', 'x', now(), now() from generate_series(1, ${users}) i`);
  await db.execute(`create temporary table ids as select row_number() over () as n, id from app_user`);
  await db.execute(`create temporary table probs as select row_number() over () as n, id from problem`);
  await db.execute(`insert into interview_session (id, user_id, problem_id, mode, language, state, stage, last_seq, memory, started_at, ended_at, created_at, updated_at)
    select gen_random_uuid(), u.id, p.id, 'text', 'javascript', 'ended', 'wrap-up', ${turnsPerSession}, '{}'::jsonb,
           now() - (i % 90) * interval '1 day' - (i % 1440) * interval '1 minute', now(), now(), now()
      from generate_series(1, ${sessions}) i
      join ids u on u.n = 1 + i % ${users}
      join probs p on p.n = 1 + i % (select count(*) from probs)`);
  await db.execute(`insert into evaluation (id, session_id, band, overall, scores, summary, created_at)
    select gen_random_uuid(), s.id, (array['strong-hire','hire','no-hire','strong-no-hire'])[1 + (abs(hashtext(s.id::text)) % 4)],
           1 + (abs(hashtext(s.id::text)) % 300) / 100.0,
           '[{"dimension":"problem-solving","score":3,"evidence":[]},{"dimension":"coding","score":2,"evidence":[]},{"dimension":"communication","score":4,"evidence":[]},{"dimension":"verification","score":1,"evidence":[]}]'::jsonb,
           'bench', now() from interview_session s`);
  await db.execute(`insert into turn (id, session_id, seq, speaker, text, stage, started_at, ended_at, interrupted, latency, created_at)
    select gen_random_uuid(), s.id, t, case when t % 2 = 0 then 'candidate' else 'interviewer' end, 'turn text ' || t, 'code', now(), now(), false, '{}'::jsonb, now()
      from interview_session s cross join generate_series(1, ${turnsPerSession}) t`);
  await db.execute('analyze');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const [{ count: turnCount }] = await db.execute<{ count: string }[]>('select count(*) from turn');
  const userIds = (await db.execute<{ id: string }[]>('select id from app_user')).map((r) => r.id);

  const em = orm.em.fork();
  const progress = stats(await time(200, (i) => progressOf(em, userIds[(i * 7919) % userIds.length]!)));
  const overview30 = stats(await time(20, () => overview(em, 30)));
  await db.execute('drop index interview_session_user_started');
  await db.execute('analyze interview_session');
  const progressNoIndex = stats(await time(20, (i) => progressOf(em, userIds[(i * 7919) % userIds.length]!)));

  const result = {
    sessions, turns: Number(turnCount), users, seed_seconds: +seedSeconds.toFixed(1),
    progress_ms: progress, overview_30d_ms: overview30, progress_without_user_index_ms: progressNoIndex,
    index_speedup_p50: +(progressNoIndex.p50 / progress.p50).toFixed(1),
  };
  console.log(`${sessions} sessions, ${result.turns} turns, ${users} candidates (seeded in ${result.seed_seconds} s)`);
  console.log(`candidate progress (GET /api/me/progress): p50 ${progress.p50} ms, p95 ${progress.p95} ms`);
  console.log(`admin overview, 30 days (GET /api/admin/analytics): p50 ${overview30.p50} ms, p95 ${overview30.p95} ms`);
  console.log(`progress without the (user_id, started_at) index: p50 ${progressNoIndex.p50} ms — the index makes it ${result.index_speedup_p50}× faster`);
  console.log(JSON.stringify(result));
  await orm.close(true);
  await admin.em.getConnection().execute(`drop database "${name}"`);
  await admin.close(true);
  await stopAllTestBackends();
}

main().catch((err) => { console.error(err); process.exit(1); });
