// The report as Markdown, for saving or sharing: result, scores with their evidence, the transcript on the
// session clock, each interviewer turn's latency and the final code. Pure: same input, same text.
import { LATENCY_STAGES, type LatencyBreakdown, type LatencyStage, type SessionReplay } from '../../../protocol/src/api';
import { assertNever, type CodeSnapshotView, type Evidence, type SessionDetail, type TurnView } from '../../../protocol/src/domain';
import { BAND_LABELS, DIFFICULTY_LABELS, DIMENSION_LABELS, formatElapsed, LANGUAGE_LABELS, STAGE_LABELS } from '../labels';

export const LATENCY_STAGE_LABELS: Record<LatencyStage, string> = {
  endOfTurnMs: 'End of turn', sttFinalMs: 'STT final', firstTokenMs: 'First token',
  firstTtsAudioMs: 'First TTS audio', firstAudioSentMs: 'First audio sent', firstAudioPlayedMs: 'First played',
};

const FROM_LABELS: Record<LatencyBreakdown['from'], string> = {
  'end-of-speech': 'end of speech', 'turn-request': 'turn request', 'text-request': 'text request',
};

export function reportMarkdown(session: SessionDetail, replay: SessionReplay | null): string {
  const origin = Date.parse(session.startedAt);
  const clock = (iso: string) => formatElapsed(Date.parse(iso) - origin);
  const out: string[] = [`# ${inline(session.problem.title)}`, ''];
  const meta = [
    `**Date:** ${session.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    `**Difficulty:** ${DIFFICULTY_LABELS[session.problem.difficulty]}`,
    `**Language:** ${LANGUAGE_LABELS[session.language]}`,
    `**Mode:** ${session.mode === 'voice' ? 'Voice' : 'Text'}`,
  ];
  if (session.endedAt) meta.push(`**Duration:** ${formatElapsed(Date.parse(session.endedAt) - origin)}`);
  out.push(meta.join(' · '), '');

  out.push('## Result', '');
  const { evaluation } = session;
  if (!evaluation) {
    out.push('This interview has not been evaluated yet.', '');
  } else {
    out.push(`**${BAND_LABELS[evaluation.band]}** · overall ${evaluation.overall.toFixed(1)} / 4`, '');
    if (evaluation.summary.trim()) out.push(evaluation.summary.trim(), '');
    out.push('| Dimension | Score |', '|---|---|');
    for (const s of evaluation.scores) out.push(`| ${DIMENSION_LABELS[s.dimension]} | ${s.score} / 4 |`);
    out.push('');
    for (const s of evaluation.scores) {
      out.push(`### ${DIMENSION_LABELS[s.dimension]} — ${s.score} / 4`, '');
      if (s.evidence.length === 0) out.push('_No evidence recorded._');
      for (const e of s.evidence) out.push(`- ${evidenceLine(e, session)}`);
      out.push('');
    }
  }

  out.push('## Transcript', '');
  if (session.turns.length === 0) out.push('Nothing was said in this interview.', '');
  for (const turn of session.turns) out.push(...turnLines(turn, clock(turn.startedAt)), '');

  const timed = (replay?.turns ?? []).filter((t) => t.latency);
  if (timed.length > 0) {
    out.push('## Latency', '', 'Milliseconds from each turn’s origin (the end of the candidate’s speech, or the request of the turn).', '');
    out.push(`| Turn | From | ${LATENCY_STAGES.map((s) => LATENCY_STAGE_LABELS[s]).join(' | ')} |`);
    out.push(`|---|---|${LATENCY_STAGES.map(() => '---:').join('|')}|`);
    for (const t of timed) {
      const l = t.latency!;
      out.push(`| ${t.seq} | ${FROM_LABELS[l.from]} | ${LATENCY_STAGES.map((s) => (l[s] === null ? '—' : String(l[s]))).join(' | ')} |`);
    }
    out.push('');
  }

  const final = latest(session.codeSnapshots);
  out.push('## Final code', '');
  if (final) out.push(...fenced(final.text, final.language));
  else out.push('No code was captured in this interview.');
  out.push('');
  return `${out.join('\n').trimEnd()}\n`;
}

function evidenceLine(e: Evidence, session: SessionDetail): string {
  const quote = `“${inline(e.quote)}”`;
  switch (e.kind) {
    case 'turn': {
      const turn = session.turns.find((t) => t.seq === e.ref);
      return turn ? `${quote} — turn ${turn.seq} (${turn.speaker === 'candidate' ? 'you' : 'interviewer'})` : `${quote} — turn ${e.ref ?? '?'}`;
    }
    case 'code':
      return `${quote} — code${e.line !== null ? ` line ${e.line}` : ''}${e.ref !== null ? ` (snapshot ${e.ref})` : ''}`;
    case 'signal': return `${quote} — signal`;
    default: return assertNever(e.kind, 'evidence kind');
  }
}

function turnLines(turn: TurnView, at: string): string[] {
  const who = turn.speaker === 'candidate' ? 'You' : 'Interviewer';
  const flags = turn.interrupted ? ' · interrupted' : '';
  const head = `**${who}** · ${at} · ${STAGE_LABELS[turn.stage]} · turn ${turn.seq}${flags}`;
  const text = turn.text.trim() === '' ? '_(nothing heard)_' : turn.text.trim();
  return [head, ...text.split('\n').map((line) => `> ${line}`)];
}

/** A code block whose fence is longer than any backtick run inside the code. */
function fenced(text: string, language: string): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text.replace(/\n$/, ''), fence];
}

/** One line of text that cannot break a table or list: no newlines, pipes escaped. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

function latest(snapshots: readonly CodeSnapshotView[]): CodeSnapshotView | null {
  return snapshots.reduce<CodeSnapshotView | null>((best, s) => (!best || s.seq > best.seq ? s : best), null);
}
