import assert from 'node:assert/strict';
import {
  chunkPcm, concatPcm, dbfs, decodeWav, encodeWav, FRAME_SAMPLES, parseWavHeader, PcmByteReader, PcmChunker, pcmToBytes,
  resample, Resampler, SILENCE_DBFS, wavHeader,
} from '../../../backend/src/pipeline/audio';
import { sine, zeroCrossings } from './fixtures/signals';

describe('audio: PCM16 helpers', () => {
  it('uses 20 ms frames of 320 samples at 16 kHz', () => {
    assert.equal(FRAME_SAMPLES, 320);
  });

  it('measures level in dBFS: a full-scale sine is about -3, half scale about -9, silence the floor', () => {
    assert.ok(Math.abs(dbfs(sine(1000, 100, 32767)) - -3.01) < 0.1);
    assert.ok(Math.abs(dbfs(sine(1000, 100, 16384)) - -9.03) < 0.1);
    assert.equal(dbfs(new Int16Array(320)), SILENCE_DBFS);
  });

  for (const from of [22_050, 44_100]) {
    it(`resamples ${from} Hz to 16 kHz keeping a 1 kHz tone's pitch, level and duration`, () => {
      const out = resample(sine(1000, 1000, 10_000, from), from, 16_000);
      assert.ok(Math.abs(out.length - 16_000) <= 40, `length ${out.length}`);
      const body = out.subarray(400, 15_600); // away from the filter's edges
      assert.ok(Math.abs(zeroCrossings(body) / 2 / (body.length / 16_000) - 1000) < 5);
      assert.ok(Math.abs(dbfs(body) - dbfs(sine(1000, 1000, 10_000))) < 0.5);
    });
  }

  it('low-passes before downsampling, so a 12 kHz tone does not fold back into the band', () => {
    const folded = resample(sine(12_000, 500, 10_000, 44_100), 44_100, 16_000);
    assert.ok(dbfs(folded.subarray(200)) < dbfs(sine(12_000, 500, 10_000, 44_100)) - 30, `${dbfs(folded)} dBFS left`);
  });

  it('resamples a stream in arbitrary pieces to the same samples as in one go', () => {
    const input = sine(440, 300, 9000, 22_050);
    const whole = resample(input, 22_050);
    const r = new Resampler(22_050);
    const parts: Int16Array[] = [];
    for (let at = 0; at < input.length; at += 777) parts.push(r.push(input.subarray(at, at + 777)));
    parts.push(r.flush());
    assert.deepEqual(concatPcm(parts), whole);
  });

  it('re-cuts a stream into fixed chunks and hands back the short remainder on flush', () => {
    const chunker = new PcmChunker(640); // 40 ms
    const chunks = [...chunker.push(new Int16Array(1000)), ...chunker.push(new Int16Array(500))];
    assert.deepEqual(chunks.map((c) => c.length), [640, 640]);
    assert.equal(chunker.flush()?.length, 220);
    assert.equal(chunker.flush(), null);
    assert.deepEqual([...chunkPcm(new Int16Array(700))].map((c) => c.length), [320, 320, 60]);
  });

  it('reads samples split across byte chunks at odd offsets', () => {
    const pcm = Int16Array.from([1, -2, 32767, -32768, 300]);
    const bytes = pcmToBytes(pcm);
    const reader = new PcmByteReader();
    const parts = [bytes.subarray(0, 3), bytes.subarray(3, 4), bytes.subarray(4, 9), bytes.subarray(9)].map((b) => reader.push(b));
    assert.deepEqual(concatPcm(parts), pcm);
  });

  it('writes and reads WAV, skipping extra chunks before the data', () => {
    const pcm = sine(500, 50);
    const wav = encodeWav(pcm, 16_000);
    assert.deepEqual(decodeWav(wav), { sampleRate: 16_000, pcm });
    // A LIST chunk between fmt and data, as some encoders write.
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    const info = parseWavHeader(withList);
    assert.equal(info?.dataOffset, 56);
    assert.deepEqual(decodeWav(withList).pcm, pcm);
  });

  it('says "not yet" for a header cut short and rejects non-PCM16', () => {
    assert.equal(parseWavHeader(wavHeader(22_050).subarray(0, 30)), null);
    const float = wavHeader(16_000);
    float.writeUInt16LE(3, 20);
    float.writeUInt16LE(32, 34);
    assert.throws(() => parseWavHeader(float), /unsupported WAV format/);
    assert.throws(() => parseWavHeader(Buffer.from('RIFX0000WAVE')), /not a RIFF/);
  });

  it('averages stereo to mono', () => {
    const stereo = Buffer.concat([wavHeader(16_000, 8, 2), pcmToBytes(Int16Array.from([100, 300, -100, -300]))]);
    assert.deepEqual(decodeWav(stereo).pcm, Int16Array.from([200, -200]));
  });
});
