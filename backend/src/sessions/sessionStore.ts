// Persistence of sessions and everything in them. Every write lands in Postgres as it happens, so any
// backend instance can resume a session from the database alone.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { CreateSessionRequest, SessionListQuery } from '../../../protocol/src/api';
import type { Diagnostic, Position, SessionDetail, SessionSummary, Selection, Speaker, Stage } from '../../../protocol/src/domain';
import { CodeSnapshot, Evaluation, InterviewSession, Problem, TestRun, Turn, type TurnLatency, type User } from '../db/entities';
import type { TestRunResult } from '../../../protocol/src/testRun';
import { AppError, notFound } from '../http/errors';
import { initialMemory, type EvaluationDraft } from '../interviewer/interviewer';
import { recommendNext } from './recommendation';
import {
  toCodeSnapshotView, toEvaluationView, toProblemPublic, toSessionSummary, toTurnView,
} from './views';

export interface NewTurn {
  /** Defaults to a new uuid; an interviewer turn reuses the turnId its deltas were streamed under. */
  id?: string;
  speaker: Speaker;
  text: string;
  stage: Stage;
  startedAt: Date;
  endedAt: Date;
  interrupted?: boolean;
  clientMessageId?: string | null;
  latency?: TurnLatency;
}

export interface NewSnapshot {
  language: string;
  text: string;
  documentVersion: number;
  cursor: Position | null;
  selection: Selection | null;
  diagnostics: Diagnostic[];
}

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

export class SessionStore {
  async create(em: EntityManager, user: User, request: CreateSessionRequest): Promise<InterviewSession> {
    const problem = await this.pickProblem(em, request, user);
    const session = em.create(InterviewSession, {
      user, problem, mode: request.mode, language: request.language, memory: initialMemory(), endedAt: null,
    });
    await em.flush();
    return session;
  }

  private async pickProblem(em: EntityManager, request: CreateSessionRequest, user: User): Promise<Problem> {
    if (!request.problemSlug && request.adaptive) {
      const { problem } = await recommendNext(em, user);
      return em.findOneOrFail(Problem, { id: problem.id });
    }
    if (request.problemSlug) {
      const problem = await em.findOne(Problem, { slug: request.problemSlug });
      if (!problem) throw notFound(`Problem "${request.problemSlug}"`);
      return problem;
    }
    const where = {
      ...(request.difficulty ? { difficulty: request.difficulty } : {}),
      ...(request.topic ? { topics: { $contains: [request.topic] } } : {}),
    };
    const count = await em.count(Problem, where);
    if (count === 0) throw notFound('A problem matching that topic and difficulty');
    const [problem] = await em.find(Problem, where, { orderBy: { slug: 'asc' }, limit: 1, offset: Math.floor(Math.random() * count) });
    return problem!;
  }

  /** The caller's session, or 404 — also for another user's session, so ids cannot be probed. */
  async getOwned(em: EntityManager, user: User, id: string): Promise<InterviewSession> {
    const session = await em.findOne(InterviewSession, { id, user }, { populate: ['problem'] });
    if (!session) throw notFound('Session');
    return session;
  }

  async list(em: EntityManager, user: User, query: SessionListQuery): Promise<SessionSummary[]> {
    const sessions = await em.find(
      InterviewSession,
      { user, ...(query.before ? { startedAt: { $lt: new Date(query.before) } } : {}) },
      { populate: ['problem'], orderBy: { startedAt: 'desc' }, limit: query.limit },
    );
    const evaluations = await em.find(Evaluation, { session: { $in: sessions.map((s) => s.id) } });
    const bySession = new Map(evaluations.map((e) => [e.session.id, e]));
    return sessions.map((s) => toSessionSummary(s, bySession.get(s.id) ?? null));
  }

  async detail(em: EntityManager, session: InterviewSession): Promise<SessionDetail> {
    const [turns, snapshots, evaluation] = await Promise.all([
      em.find(Turn, { session }, { orderBy: { seq: 'asc' } }),
      em.find(CodeSnapshot, { session }, { orderBy: { seq: 'asc' } }),
      em.findOne(Evaluation, { session }),
    ]);
    return {
      ...toSessionSummary(session, evaluation),
      problem: toProblemPublic(session.problem),
      turns: turns.map(toTurnView),
      codeSnapshots: snapshots.map(toCodeSnapshotView),
      evaluation: evaluation ? toEvaluationView(evaluation) : null,
    };
  }

  async remove(em: EntityManager, session: InterviewSession): Promise<void> {
    await em.nativeDelete(InterviewSession, { id: session.id });
  }

  turnsAfter(em: EntityManager, sessionId: string, seq: number): Promise<Turn[]> {
    return em.find(Turn, { session: sessionId, seq: { $gt: seq } }, { orderBy: { seq: 'asc' } });
  }

  /**
   * Appends a turn with the next seq. The seq comes from an atomic UPDATE … RETURNING on the session row,
   * so two instances writing the same session never collide. A resent candidate answer (same
   * clientMessageId) returns the stored turn instead of a duplicate.
   */
  async appendTurn(em: EntityManager, sessionId: string, turn: NewTurn): Promise<{ turn: Turn; duplicate: boolean }> {
    if (turn.clientMessageId) {
      const existing = await em.findOne(Turn, { session: sessionId, clientMessageId: turn.clientMessageId });
      if (existing) return { turn: existing, duplicate: true };
    }
    return em.transactional(async (tx) => {
      const [row] = await tx.getConnection().execute<{ last_seq: number }[]>(
        'update interview_session set last_seq = last_seq + 1, updated_at = now() where id = ? returning last_seq', [sessionId],
        'all', tx.getTransactionContext(), // on the transaction's own connection, or a full pool deadlocks
      );
      if (!row) throw notFound('Session');
      const created = tx.create(Turn, {
        ...(turn.id ? { id: turn.id } : {}),
        session: sessionId, seq: row.last_seq, speaker: turn.speaker, text: turn.text, stage: turn.stage,
        startedAt: turn.startedAt, endedAt: turn.endedAt, interrupted: turn.interrupted ?? false,
        clientMessageId: turn.clientMessageId ?? null, latency: turn.latency ?? {},
      });
      try {
        await tx.flush();
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) throw new AppError(409, 'conflict', 'That answer was already stored');
        throw err;
      }
      return { turn: created, duplicate: false };
    });
  }

  async saveSnapshot(em: EntityManager, sessionId: string, snapshot: NewSnapshot): Promise<CodeSnapshot> {
    const hash = contentHash(snapshot.text);
    const last = await em.findOne(CodeSnapshot, { session: sessionId }, { orderBy: { seq: 'desc' } });
    if (last && last.contentHash === hash && last.documentVersion === snapshot.documentVersion) return last;
    const created = em.create(CodeSnapshot, { session: sessionId, seq: (last?.seq ?? 0) + 1, contentHash: hash, ...snapshot });
    await em.flush();
    return created;
  }

  latestSnapshot(em: EntityManager, sessionId: string): Promise<CodeSnapshot | null> {
    return em.findOne(CodeSnapshot, { session: sessionId }, { orderBy: { seq: 'desc' } });
  }

  async createTestRun(em: EntityManager, sessionId: string, requestedBy: 'candidate' | 'interviewer'): Promise<TestRun> {
    const run = em.create(TestRun, {
      session: sessionId, requestedBy, snapshotSeq: null, documentVersion: null, completedAt: null, result: null,
    });
    await em.flush();
    return run;
  }

  /** Stores a run's results once; a repeated report of the same run returns the stored one unchanged. */
  async completeTestRun(
    em: EntityManager, sessionId: string, runId: string,
    report: { snapshotSeq: number | null; documentVersion: number; result: TestRunResult },
  ): Promise<{ run: TestRun; duplicate: boolean }> {
    const run = await em.findOne(TestRun, { id: runId, session: sessionId });
    if (!run) throw notFound('Test run');
    if (run.completedAt) return { run, duplicate: true };
    em.assign(run, {
      snapshotSeq: report.snapshotSeq, documentVersion: report.documentVersion, result: report.result,
      passed: report.result.passed, failed: report.result.failed, completedAt: new Date(),
    });
    await em.flush();
    return { run, duplicate: false };
  }

  completedTestRuns(em: EntityManager, sessionId: string): Promise<TestRun[]> {
    return em.find(TestRun, { session: sessionId, completedAt: { $ne: null } }, { orderBy: { completedAt: 'asc' } });
  }

  /** Ends the session and stores its evaluation, once: a second end returns the first evaluation. */
  async end(em: EntityManager, session: InterviewSession, draft: EvaluationDraft): Promise<Evaluation> {
    const existing = await em.findOne(Evaluation, { session });
    if (existing) return existing;
    session.state = 'ended';
    session.stage = 'wrap-up';
    session.endedAt = new Date();
    const evaluation = em.create(Evaluation, { session, ...draft });
    await em.flush();
    return evaluation;
  }
}
