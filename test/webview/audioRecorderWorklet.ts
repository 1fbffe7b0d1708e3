// Test-only AudioWorklet: passes audio through and posts every render quantum it saw, with its context frame, so a
// test can check what actually reached the speakers (gaps, and when a clear() took effect).
declare const currentFrame: number;
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor();
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

export interface RecordedQuantum { frame: number; samples: Float32Array }

class RecorderProcessor extends AudioWorkletProcessor {
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    const samples = input ? input.slice() : new Float32Array(128);
    outputs[0]?.[0]?.set(samples);
    const quantum: RecordedQuantum = { frame: currentFrame, samples };
    this.port.postMessage(quantum, [samples.buffer]);
    return true;
  }
}

registerProcessor('test-recorder', RecorderProcessor);
