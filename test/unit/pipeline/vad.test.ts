import assert from 'node:assert/strict';
import { chunkPcm, concatPcm, FRAME_MS } from '../../../backend/src/pipeline/audio';
import { EnergyVad, type VadResult } from '../../../backend/src/pipeline/vad';
import { noise, speechLike } from './fixtures/signals';

/** Runs the VAD over `pcm` in 20 ms frames; returns the events with their times. */
function events(vad: EnergyVad, pcm: Int16Array): { event: string; eventTs: number; at: number }[] {
  const out: { event: string; eventTs: number; at: number }[] = [];
  let ts = 0;
  for (const frame of chunkPcm(pcm)) {
    const r: VadResult = vad.process(frame, ts);
    if (r.event) out.push({ event: r.event, eventTs: r.eventTs!, at: ts });
    ts += FRAME_MS;
  }
  return out;
}

describe('EnergyVad', () => {
  it('finds one speech segment in a quiet room, dated where the speech really starts and ends', () => {
    const pcm = concatPcm([noise(500, 30), speechLike(1000), noise(1000, 30)]);
    const got = events(new EnergyVad(), pcm);
    assert.deepEqual(got.map((e) => e.event), ['speech-start', 'speech-end']);
    assert.ok(Math.abs(got[0].eventTs - 500) <= 40, `start ${got[0].eventTs}`);
    assert.ok(Math.abs(got[1].eventTs - 1500) <= 60, `end ${got[1].eventTs}`);
    assert.ok(got[1].at - got[1].eventTs >= 280, 'the end is confirmed only after the hangover');
  });

  it('keeps a phrase whole across short gaps between words (hangover)', () => {
    const pcm = concatPcm([noise(300, 30), speechLike(400), noise(200, 30), speechLike(400), noise(800, 30)]);
    assert.deepEqual(events(new EnergyVad(), pcm).map((e) => e.event), ['speech-start', 'speech-end']);
  });

  it('ignores clicks shorter than the onset (keystrokes)', () => {
    const clicks: Int16Array[] = [];
    for (let i = 0; i < 10; i++) clicks.push(noise(200, 30, i + 1), speechLike(40, 12_000));
    assert.deepEqual(events(new EnergyVad(), concatPcm(clicks)), []);
  });

  it('adapts to a fan switched on: at most one false segment within the floor window, then real speech is found', () => {
    const vad = new EnergyVad();
    const fanOn = concatPcm([noise(1000, 30, 2), noise(6000, 800, 3)]); // the fan is about -35 dBFS
    const got = events(vad, concatPcm([fanOn, speechLike(1000, 12_000), noise(1500, 800, 4)]));
    assert.ok(vad.noiseFloorDb > -45, `floor ${vad.noiseFloorDb}`);
    const falseEnd = got.find((e) => e.event === 'speech-end' && e.eventTs < 7000);
    assert.ok(!falseEnd || falseEnd.eventTs <= 1000 + 2500 + 100, JSON.stringify(got));
    const starts = got.filter((e) => e.event === 'speech-start' && e.eventTs >= 6000);
    assert.equal(starts.length, 1, JSON.stringify(got));
    assert.ok(Math.abs(starts[0].eventTs - 7000) <= 60);
    assert.equal(got.at(-1)?.event, 'speech-end');
  });

  it('does not take a fan that starts with the microphone for endless speech', () => {
    const vad = new EnergyVad();
    const got = events(vad, noise(4000, 800, 5));
    assert.deepEqual(got, []);
  });

  it('reset forgets the floor and an open segment', () => {
    const vad = new EnergyVad();
    assert.equal(events(vad, concatPcm([noise(300, 30), speechLike(500)]))[0].event, 'speech-start');
    vad.reset();
    assert.equal(Number.isNaN(vad.noiseFloorDb), true);
    assert.equal(vad.process(new Int16Array(320), 0).speech, false);
  });
});
