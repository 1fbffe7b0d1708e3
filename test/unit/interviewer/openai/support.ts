// Shared pieces of the OpenAI interviewer tests: a problem with unmistakable hidden tests, a logger that
// keeps what it logged, and an interviewer wired to the local fake server.
import pino, { type Logger } from 'pino';
import { OpenAiInterviewer } from '../../../../backend/src/interviewer/openai/openaiInterviewer';
import type { OpenAiFake } from '../../../fakes/openaiFake';
import { pairProblem } from '../fixtures';

/** Positions and values no prompt would contain by accident: their absence proves the hidden tests stayed hidden. */
export const HIDDEN_MARKERS = ['777777', '222223', '4817', '9731'];

const nums = Array.from({ length: 9732 }, (_, i) => (i === 4817 ? 777777 : i === 9731 ? 222223 : 1));

export const problemWithHiddenTests = {
  ...pairProblem,
  testCases: [...pairProblem.testCases, { args: [nums, 1_000_000], expected: [4817, 9731], compare: 'exact' as const }],
};

export interface LogLine { level: number; msg: string; [key: string]: unknown }

/** A real pino logger whose lines are kept in memory, so tests can assert what was logged. */
export function recordingLog(): { log: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => { lines.push(JSON.parse(line) as LogLine); } });
  return { log, lines, warnings: () => lines.filter((l) => l.level === 40) };
}

export const TEST_KEY = 'sk-test-fake-key';

export function openAiAgainst(fake: OpenAiFake, log: Logger = recordingLog().log): OpenAiInterviewer {
  return new OpenAiInterviewer({ apiKey: TEST_KEY, baseUrl: fake.baseUrl, model: 'fake-model', log, requestTimeoutMs: 10_000 });
}
