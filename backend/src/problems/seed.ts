// Seeds the question bank idempotently: inserts new problems and updates changed ones by slug.
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
    } else if (JSON.stringify(specOf(current)) !== JSON.stringify(spec)) {
      em.assign(current, { ...spec, topics: [...spec.topics] });
      updated++;
    }
  }
  await em.flush();
  return { inserted, updated };
}

function specOf(p: Problem): ProblemSpec {
  return {
    slug: p.slug, title: p.title, statement: p.statement, topics: p.topics as ProblemSpec['topics'], difficulty: p.difficulty,
    functionName: p.functionName, constraints: p.constraints, examples: p.examples, hints: p.hints,
    targetTime: p.targetTime, targetSpace: p.targetSpace, starterCode: p.starterCode, testCases: p.testCases,
  };
}
