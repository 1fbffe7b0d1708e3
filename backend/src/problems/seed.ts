// Seeds the question bank idempotently: inserts new problems and updates changed ones by slug.
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProblemSpec } from '../../../protocol/src/domain';
import { Problem } from '../db/entities';

export async function seedProblems(em: EntityManager, bank: readonly ProblemSpec[]): Promise<{ inserted: number; updated: number }> {
  const existing = new Map((await em.find(Problem, { slug: { $in: bank.map((p) => p.slug) } })).map((p) => [p.slug, p]));
  let inserted = 0;
  let updated = 0;
  for (const spec of bank) {
    const current = existing.get(spec.slug);
    if (!current) {
      em.create(Problem, { ...spec, topics: [...spec.topics] });
      inserted++;
    } else if (!sameSpec(specOf(current), spec)) {
      em.assign(current, { ...spec, topics: [...spec.topics] });
      updated++;
    }
  }
  await em.flush();
  return { inserted, updated };
}

/** Key order is not compared: jsonb columns come back with their keys reordered. */
function sameSpec(stored: ProblemSpec, spec: ProblemSpec): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(spec))); // the round trip drops undefined fields, as jsonb does
}

function specOf(p: Problem): ProblemSpec {
  return {
    slug: p.slug, title: p.title, statement: p.statement, topics: p.topics as ProblemSpec['topics'], difficulty: p.difficulty,
    functionName: p.functionName, constraints: p.constraints, examples: p.examples, hints: p.hints,
    targetTime: p.targetTime, targetSpace: p.targetSpace, starterCode: p.starterCode, testCases: p.testCases,
  };
}
