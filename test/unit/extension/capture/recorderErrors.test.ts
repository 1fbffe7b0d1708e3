import { strict as assert } from 'node:assert';
import { classifyStartFailure, lostFailure, startFailure, StderrTail } from '../../../../extension/src/capture/recorderErrors';

describe('recorder failure messages', () => {
  it('classifies what recorders print when they cannot open the microphone', () => {
    const cases: [string, string][] = [
      ['rec FAIL formats: can\'t open input `default\': Operation not permitted', 'permission-denied'], // macOS TCC
      ['arecord: main:850: audio open error: Permission denied', 'permission-denied'],
      ['arecord: main:830: audio open error: Host is down', 'permission-denied'],
      ['arecord: main:828: audio open error: Device or resource busy', 'device-busy'],
      ['[avfoundation @ 0x7f] Failed to open device: device busy', 'device-busy'],
      ['[alsa @ 0x55] cannot open audio device default (No such file or directory)', 'no-device'],
      ['something unexpected', 'no-device'],
    ];
    for (const [stderr, kind] of cases) assert.equal(classifyStartFailure(stderr), kind, stderr);
  });

  it('names the recorder, the exit and the last stderr line, with a hint', () => {
    const error = startFailure('sox (rec)', 'exited with code 1', 'rec WARN something\nrec FAIL sox: Operation not permitted.');
    assert.equal(error.kind, 'permission-denied');
    assert.match(error.message, /^The microphone recorder \(sox \(rec\)\) exited with code 1 before recording: rec FAIL sox: Operation not permitted\. Allow/);
    const lost = lostFailure('arecord', 'was stopped by SIGKILL', '');
    assert.equal(lost.kind, 'device-lost');
    assert.match(lost.message, /arecord\) was stopped by SIGKILL during the interview/);
  });

  it('keeps only the last lines of a chatty stderr', () => {
    const tail = new StderrTail(3);
    tail.push('one\ntwo\nthr');
    tail.push('ee\nfour\nfive\npart');
    // The last three whole lines, then the line still being written.
    assert.equal(tail.text, 'three\nfour\nfive\npart');
    tail.push('x'.repeat(5000));
    assert.ok(tail.text.length < 1100, 'an endless line is bounded too');
  });
});
