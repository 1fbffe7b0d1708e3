import { strict as assert } from 'node:assert';
import { reportMarkdown } from '../../../extension/src/report/markdown';
import { sessionDetail, sessionReplay } from '../../webview/fixtures';

describe('report export as Markdown', () => {
  const md = reportMarkdown(sessionDetail, sessionReplay);
  const section = (title: string) => {
    const start = md.indexOf(`## ${title}\n`);
    assert.ok(start >= 0, `has a ${title} section`);
    const next = md.indexOf('\n## ', start + 1);
    return md.slice(start, next < 0 ? undefined : next);
  };

  it('opens with the problem, its facts and the band with the overall score', () => {
    assert.match(md, /^# Two Sum\n\n\*\*Date:\*\* 2025-03-04 10:00 UTC · \*\*Difficulty:\*\* Easy · \*\*Language:\*\* JavaScript · \*\*Mode:\*\* Text · \*\*Duration:\*\* 24:30\n/);
    assert.match(section('Result'), /\*\*Hire\*\* · overall 3\.3 \/ 4/);
    assert.match(section('Result'), /Clear communication and a correct O\(n\) solution/);
  });

  it('lists every dimension score with its evidence linked to the turn or the code line', () => {
    const result = section('Result');
    assert.match(result, /\| Problem solving \| 4 \/ 4 \|\n\| Coding \| 3 \/ 4 \|\n\| Communication \| 4 \/ 4 \|\n\| Verification \| 2 \/ 4 \|/);
    assert.match(result, /### Communication — 4 \/ 4\n\n- “Can the array contain negative numbers\?” — turn 2 \(you\)\n/);
    assert.match(result, /### Coding — 3 \/ 4\n\n- “if \(seen\.has\(target - n\)\) return \[seen\.get\(target - n\), i\];” — code line 4 \(snapshot 2\)\n/);
    assert.match(result, /- “No test cases were walked through\.” — signal/);
  });

  it('writes the transcript in order with the session clock, speaker and stage', () => {
    const transcript = section('Transcript');
    const heads = [...transcript.matchAll(/^\*\*(You|Interviewer)\*\* · (\d\d:\d\d) · (\w[\w-]*) · turn (\d+)$/gm)].map((m) => m.slice(1).join(' '));
    assert.deepEqual(heads, ['Interviewer 00:30 Intro 1', 'You 01:00 Clarify 2', 'Interviewer 01:30 Approach 3', 'You 02:00 Approach 4']);
    assert.match(transcript, /\n> Yes\. Can the array contain negative numbers\?\n/);
  });

  it('tabulates each interviewer turn’s latency, with a dash for a stage it never reached', () => {
    const rows = section('Latency').split('\n').filter((l) => l.startsWith('|'));
    assert.equal(rows[0], '| Turn | From | End of turn | STT final | First token | First TTS audio | First audio sent | First played |');
    assert.equal(rows[2], '| 1 | turn request | — | — | 120 | 260 | 500 | 540 |');
    assert.equal(rows[3], '| 3 | end of speech | 900 | 1050 | 1200 | 1450 | 1800 | 1850 |');
    assert.equal(rows.length, 4);
  });

  it('ends with the final code in a fence that its own backticks cannot close', () => {
    assert.match(section('Final code'), /```javascript\nfunction twoSum\(nums, target\) \{\n[\s\S]*\n\}\n```\n$/);
    const tricky = { ...sessionDetail, codeSnapshots: [{ ...sessionDetail.codeSnapshots[0]!, text: 'const s = `a ``` b`;' }] };
    assert.match(reportMarkdown(tricky, null), /````javascript\nconst s = `a ``` b`;\n````\n$/);
  });

  it('without a replay or an evaluation it still renders, leaving those parts out', () => {
    const plain = reportMarkdown({ ...sessionDetail, evaluation: null, band: null, overall: null }, null);
    assert.match(plain, /This interview has not been evaluated yet\./);
    assert.doesNotMatch(plain, /## Latency/);
    assert.match(plain, /## Transcript/);
  });

  it('keeps table cells and list items on one line', () => {
    const evil = structuredClone(sessionDetail);
    evil.evaluation!.scores[0]!.evidence[0]!.quote = 'a | b\nc';
    assert.match(reportMarkdown(evil, null), /- “a \\\| b c” — turn 4 \(you\)/);
  });
});
