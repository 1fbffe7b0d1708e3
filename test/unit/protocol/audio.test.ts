import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import {
  decodeCandidateAudio, decodeInterviewerAudio, encodeCandidateAudio, encodeInterviewerAudio,
} from '../../../protocol/src/audio';

const tone = (n: number) => Int16Array.from({ length: n }, (_, i) => Math.round(Math.sin(i / 5) * 12000));

describe('binary audio frames', () => {
  it('round-trips a 20 ms candidate frame with its sequence and capture time', () => {
    const samples = tone(320);
    const decoded = decodeCandidateAudio(encodeCandidateAudio({ seq: 42, captureTs: 1234.5, samples }));
    assert.ok(decoded.ok);
    assert.equal(decoded.seq, 42);
    assert.equal(decoded.captureTs, 1234.5);
    assert.deepEqual([...decoded.samples], [...samples]);
  });

  it('round-trips an interviewer frame with its turn id', () => {
    const turnId = randomUUID();
    const decoded = decodeInterviewerAudio(encodeInterviewerAudio({ seq: 7, sentTs: 99, turnId, samples: tone(480) }));
    assert.ok(decoded.ok);
    assert.equal(decoded.turnId, turnId);
    assert.equal(decoded.samples.length, 480);
  });

  it('refuses short, odd, oversized, wrong-rate-sized and wrong-type frames with a reason', () => {
    const good = encodeCandidateAudio({ seq: 1, captureTs: 0, samples: tone(320) });
    const cases: [Uint8Array, RegExp][] = [
      [good.subarray(0, 10), /shorter than the 16-byte header/],
      [good.subarray(0, good.length - 1), /odd number of bytes/],
      [encodeCandidateAudio({ seq: 1, captureTs: 0, samples: tone(2000) }), /not 10–60 ms/],
      [encodeCandidateAudio({ seq: 1, captureTs: 0, samples: tone(100) }), /not 10–60 ms/],
      [encodeInterviewerAudio({ seq: 1, sentTs: 0, turnId: randomUUID(), samples: tone(320) }), /not candidate audio/],
    ];
    for (const [bytes, reason] of cases) {
      const decoded = decodeCandidateAudio(bytes);
      assert.equal(decoded.ok, false);
      assert.match((decoded as { reason: string }).reason, reason);
    }
  });
});
