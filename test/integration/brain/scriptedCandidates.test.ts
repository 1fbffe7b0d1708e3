import { startTestServer } from '../../support/backend';
import { describeScriptedCandidates } from './candidateSuite';

describeScriptedCandidates('scripted candidates against the local interviewer (real sockets, Postgres, runner)', () =>
  startTestServer({ idleNudgeMs: 1500 }));
