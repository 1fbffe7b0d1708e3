// Protocol values for the webview tests, parsed with the real schemas so a contract change breaks them loudly.
import {
  CodeSnapshotView, EvaluationView, ProblemPublic, SessionDetail, TurnView, type Stage,
} from '../../protocol/src/domain';
import { SessionReplay } from '../../protocol/src/api';
import { SessionInfo } from '../../protocol/src/session';
import type { HostToWebviewMessage } from '../../protocol/src/webview';

export const SESSION_ID = '6f1c2a58-9a8e-4c1e-9a57-3b1f0f8f2d11';
export const STARTED_AT = '2025-03-04T10:00:00.000Z';

export const problem = ProblemPublic.parse({
  id: 'p-two-sum',
  slug: 'two-sum',
  title: 'Two Sum',
  statement: 'Given an array of integers `nums` and an integer `target`, return the indices of the two numbers '
    + 'that add up to `target`.\n\nYou may assume that each input has exactly one solution.',
  topics: ['arrays-hashing'],
  difficulty: 'easy',
  functionName: 'twoSum',
  constraints: ['2 <= nums.length <= 10^4', 'Only one valid answer exists.'],
  examples: [{ input: 'nums = [2,7,11,15], target = 9', output: '[0,1]', explanation: 'nums[0] + nums[1] == 9' }],
  hints: ['A hash map gives O(1) lookups.'],
  targetTime: 'O(n)',
  targetSpace: 'O(n)',
  starterCode: { javascript: 'function twoSum(nums, target) {}', typescript: '', python: '' },
});

export function sessionInfo(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return SessionInfo.parse({
    id: SESSION_ID, problem, mode: 'text', language: 'javascript', state: 'active', stage: 'intro',
    startedAt: STARTED_AT, endedAt: null, ...overrides,
  });
}

export function turn(seq: number, speaker: TurnView['speaker'], text: string, stage: Stage = 'intro'): TurnView {
  const at = new Date(Date.parse(STARTED_AT) + seq * 30_000).toISOString();
  return TurnView.parse({
    id: `turn-${seq}`, seq, speaker, text, stage, startedAt: at, endedAt: at, interrupted: false,
    clientMessageId: speaker === 'candidate' ? `c-${seq}` : null,
  });
}

export const conversation: TurnView[] = [
  turn(1, 'interviewer', 'Hi! Today we will work on Two Sum. Have you read the problem statement?'),
  turn(2, 'candidate', 'Yes. Can the array contain negative numbers?', 'clarify'),
  turn(3, 'interviewer', 'Good question: yes, it can. How would you approach it?', 'approach'),
  turn(4, 'candidate', 'I would store each number in a map and look up target minus the current value.', 'approach'),
];

export const evaluation = EvaluationView.parse({
  band: 'hire',
  overall: 3.25,
  summary: 'Clear communication and a correct O(n) solution; testing was light.',
  createdAt: '2025-03-04T10:25:00.000Z',
  scores: [
    { dimension: 'problem-solving', score: 4, evidence: [
      { kind: 'turn', ref: 4, line: null, quote: 'store each number in a map and look up target minus the current value' },
    ] },
    { dimension: 'coding', score: 3, evidence: [
      { kind: 'code', ref: 2, line: 4, quote: 'if (seen.has(target - n)) return [seen.get(target - n), i];' },
    ] },
    { dimension: 'communication', score: 4, evidence: [
      { kind: 'turn', ref: 2, line: null, quote: 'Can the array contain negative numbers?' },
    ] },
    { dimension: 'verification', score: 2, evidence: [
      { kind: 'signal', ref: null, line: null, quote: 'No test cases were walked through.' },
    ] },
  ],
});

const finalCode = [
  'function twoSum(nums, target) {',
  '  const seen = new Map();',
  '  for (const [i, n] of nums.entries()) {',
  '    if (seen.has(target - n)) return [seen.get(target - n), i];',
  '    seen.set(n, i);',
  '  }',
  '}',
].join('\n');

export const sessionDetail = SessionDetail.parse({
  id: SESSION_ID,
  problem,
  mode: 'text',
  language: 'javascript',
  state: 'ended',
  stage: 'wrap-up',
  startedAt: STARTED_AT,
  endedAt: '2025-03-04T10:24:30.000Z',
  band: evaluation.band,
  overall: evaluation.overall,
  turns: conversation,
  evaluation,
  codeSnapshots: [1, 2].map((seq) => CodeSnapshotView.parse({
    id: `snap-${seq}`, seq, language: 'javascript', text: seq === 2 ? finalCode : 'function twoSum(nums, target) {}',
    contentHash: `hash-${seq}`, documentVersion: seq * 10, cursor: null, createdAt: STARTED_AT,
  })),
});

export function snapshot(
  turns: TurnView[] = [], connection: 'connected' | 'offline' | 'connecting' = 'connected', session = sessionInfo(),
): HostToWebviewMessage {
  return { type: 'interview/snapshot', session, turns, connection };
}

/** The replay of sessionDetail: interviewer turns 1 and 3 spoken with recorded audio, two code snapshots. */
export const sessionReplay = SessionReplay.parse({
  sessionId: SESSION_ID,
  startedAt: STARTED_AT,
  durationMs: 1_470_000,
  turns: conversation.map((t) => {
    const startMs = t.seq * 30_000;
    const spoken = t.speaker === 'interviewer';
    return {
      id: t.id, seq: t.seq, speaker: t.speaker, text: t.text, stage: t.stage, interrupted: false,
      startMs, endMs: startMs + 20_000,
      audio: spoken ? { startMs: startMs + 500, durationMs: 4_000, path: `/api/sessions/${SESSION_ID}/turns/${t.id}/audio` } : null,
      latency: !spoken ? null : t.seq === 1
        ? { from: 'turn-request', originMs: startMs, endOfTurnMs: null, sttFinalMs: null, firstTokenMs: 120, firstTtsAudioMs: 260, firstAudioSentMs: 500, firstAudioPlayedMs: 540 }
        : { from: 'end-of-speech', originMs: startMs - 1_300, endOfTurnMs: 900, sttFinalMs: 1_050, firstTokenMs: 1_200, firstTtsAudioMs: 1_450, firstAudioSentMs: 1_800, firstAudioPlayedMs: 1_850 },
    };
  }),
  snapshots: sessionDetail.codeSnapshots.map((s) => ({
    seq: s.seq, atMs: s.seq === 1 ? 40_000 : 100_000, language: s.language, text: s.text, documentVersion: s.documentVersion, cursor: null,
  })),
});
