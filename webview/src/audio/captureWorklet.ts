// The capture AudioWorklet (bundled on its own to dist/webview/captureWorklet.js): mono mixdown, resampling from the
// context rate to 16 kHz, and 20 ms PCM16 frames posted to the page with the context time of their first sample.
import { CAPTURE_RATE, FrameAssembler, Resampler } from './dsp';
import { CAPTURE_PROCESSOR, STOP_MESSAGE, type CaptureWorkletFrame } from './workletMessages';

// AudioWorkletGlobalScope: TypeScript's DOM lib does not describe it, so the few members used are declared here.
declare const sampleRate: number;
declare const currentFrame: number;
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor();
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler = new Resampler(sampleRate, CAPTURE_RATE);
  private readonly assembler = new FrameAssembler();
  private mono = new Float32Array(128);
  /** Context frame of the first input sample; output sample n sits at startFrame + n × step. */
  private startFrame = -1;
  private stopped = false;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === STOP_MESSAGE) this.stopped = true;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    if (this.startFrame < 0) this.startFrame = currentFrame;
    const channels = inputs[0] ?? [];
    // No channels (source not connected yet) counts as silence, so frame times stay on the context timeline.
    const length = channels[0]?.length ?? 128;
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    this.mono.fill(0);
    for (const channel of channels) {
      for (let i = 0; i < length; i++) this.mono[i]! += (channel[i] ?? 0) / channels.length;
    }
    this.resampler.push(this.mono, (sample) => {
      const frame = this.assembler.push(sample);
      if (!frame) return;
      // outputCount is the index of the sample just emitted, the frame's last.
      const firstOutput = this.resampler.outputCount - frame.length + 1;
      const contextTime = (this.startFrame + firstOutput * this.resampler.step) / sampleRate;
      const message: CaptureWorkletFrame = { contextTime, samples: frame };
      this.port.postMessage(message, [frame.buffer]);
    });
    return true;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
