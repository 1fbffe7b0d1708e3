// Question-bank authoring for administrators: the full problem, hidden tests included.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ProblemSpec } from '../../../../protocol/src/domain';
import { InterviewSession, Problem } from '../../db/entities';
import { toProblemSpec } from '../../sessions/views';
import { AppError, conflict, notFound } from '../errors';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';
// Tier-neutral Node module (no vscode import): the extension runs candidate code with it on the candidate's machine.
import { runTests } from '../../../../extension/src/runner/runTests';
import { overview } from '../../analytics/overview';

async function findProblem(em: EntityManager, slug: string): Promise<Problem> {
  const problem = await em.findOne(Problem, { slug });
  if (!problem) throw notFound(`Problem "${slug}"`);
  return problem;
}

const slugTaken = (slug: string) => conflict(`A problem with slug "${slug}" already exists`);
const inUse = (slug: string, sessions: number) =>
  conflict(`Problem "${slug}" is used by ${sessions} interview session(s); delete those sessions before deleting the problem`);

/** Entity data from a spec (topics copied: the entity owns its array). */
const entityData = (spec: ProblemSpec) => ({ ...spec, topics: [...spec.topics] });

export function adminRoutes({ route }: RouteKit): void {
  route(ROUTES.adminAnalytics, async (ctx, { query, em }) => {
    ctx.body = await overview(em, query.days);
  });

  route(ROUTES.adminGetProblem, async (ctx, { params, em }) => {
    ctx.body = toProblemSpec(await findProblem(em, params.slug));
  });

  // The one job for which the server runs code: an admin's own reference solution, never a candidate's.
  route(ROUTES.adminVerifySolution, async (ctx, { params, body, em }) => {
    const problem = await findProblem(em, params.slug);
    ctx.body = await runTests({ language: body.language, code: body.code, functionName: problem.functionName, testCases: problem.testCases });
  });

  route(ROUTES.adminCreateProblem, async (ctx, { body, em }) => {
    if (await em.count(Problem, { slug: body.slug })) throw slugTaken(body.slug);
    const problem = em.create(Problem, entityData(body));
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw slugTaken(body.slug); // lost a race
      throw err;
    }
    ctx.status = 201;
    ctx.body = toProblemSpec(problem);
  });

  route(ROUTES.adminUpdateProblem, async (ctx, { params, body, em }) => {
    if (body.slug !== params.slug) {
      throw new AppError(400, 'validation_failed', `Invalid request body: slug "${body.slug}" must equal the path slug "${params.slug}"`,
        [{ path: 'slug', message: 'must equal the slug in the path' }]);
    }
    const problem = await findProblem(em, params.slug);
    em.assign(problem, entityData(body));
    await em.flush();
    ctx.body = toProblemSpec(problem);
  });

  route(ROUTES.adminDeleteProblem, async (ctx, { params, em }) => {
    const problem = await findProblem(em, params.slug);
    const sessions = await em.count(InterviewSession, { problem });
    if (sessions > 0) throw inUse(params.slug, sessions);
    try {
      await em.nativeDelete(Problem, { id: problem.id });
    } catch (err) {
      // A session created since the count still holds the row (the foreign key restricts deletes).
      if (err instanceof ForeignKeyConstraintViolationException) throw inUse(params.slug, 1);
      throw err;
    }
    ctx.status = 204;
  });
}
