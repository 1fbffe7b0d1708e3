// The question bank as candidates see it: never the hidden test cases.
import { DIFFICULTIES } from '../../../../protocol/src/domain';
import { Problem } from '../../db/entities';
import { toProblemPublic, toProblemSummary } from '../../sessions/views';
import { notFound } from '../errors';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';
import { currentUser } from '../auth';
import { recommendNext } from '../../sessions/recommendation';

const difficultyRank = (p: Problem) => DIFFICULTIES.indexOf(p.difficulty);

export function problemRoutes({ route }: RouteKit): void {
  route(ROUTES.listProblems, async (ctx, { query, em }) => {
    const problems = await em.find(Problem, {
      ...(query.difficulty ? { difficulty: query.difficulty } : {}),
      ...(query.topic ? { topics: { $contains: [query.topic] } } : {}),
    });
    // Difficulty is an enum stored as text, so its natural order is applied here rather than in SQL.
    problems.sort((a, b) => difficultyRank(a) - difficultyRank(b) || a.title.localeCompare(b.title));
    ctx.body = { problems: problems.map(toProblemSummary) };
  });

  // Registered before :slug so "recommended" is not taken for a slug.
  route(ROUTES.recommendProblem, async (ctx, { em }) => {
    ctx.body = await recommendNext(em, currentUser(ctx));
  });

  route(ROUTES.getProblem, async (ctx, { params, em }) => {
    const problem = await em.findOne(Problem, { slug: params.slug });
    if (!problem) throw notFound(`Problem "${params.slug}"`);
    ctx.body = toProblemPublic(problem);
  });
}
