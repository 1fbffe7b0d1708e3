// Local TTS through Debian's espeak-ng: robotic but instant (first audio in tens of ms) and offline, so
// it is the last link of a fallback chain and the voice of tests. `--stdout` writes a streaming WAV at
// 22,050 Hz, which is resampled to the pipeline's 16 kHz as it arrives.
import { spawn } from 'node:child_process';
import { parseWavHeader, PcmByteReader, Resampler, SAMPLE_RATE, type WavInfo } from '../../pipeline/audio';
import type { SynthesizeOptions, TextToSpeech, TtsCapabilities } from '../types';

export interface EspeakOptions {
  binary: string;
  /** espeak-ng voice, e.g. 'en-us', 'en-gb'. */
  voice: string;
  wordsPerMinute: number;
}

export const DEFAULT_ESPEAK: EspeakOptions = { binary: 'espeak-ng', voice: 'en-us', wordsPerMinute: 165 };

/** Cap on stderr kept for an error message, so a chatty failure cannot grow memory. */
const STDERR_KEPT = 2000;

export class EspeakTts implements TextToSpeech {
  readonly name = 'espeak-ng';
  readonly capabilities: TtsCapabilities = { streaming: true };
  private readonly options: EspeakOptions;

  constructor(options: Partial<EspeakOptions> = {}) {
    this.options = { ...DEFAULT_ESPEAK, ...options };
  }

  async *synthesize(text: string, { signal }: SynthesizeOptions): AsyncIterable<Int16Array> {
    if (signal.aborted || text.trim() === '') return;
    const o = this.options;
    // Text goes in on stdin, never argv: it cannot be mistaken for an option and has no length limit.
    const child = spawn(o.binary, ['--stdout', '-v', o.voice, '-s', String(o.wordsPerMinute)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const kill = () => { child.kill('SIGKILL'); };
    signal.addEventListener('abort', kill, { once: true });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < STDERR_KEPT) stderr += d; });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    exited.catch(() => undefined); // observed below; a spawn error must not become an unhandled rejection
    child.stdin.on('error', () => undefined); // EPIPE when killed before reading its input
    child.stdin.end(text);

    let head = Buffer.alloc(0);
    let info: WavInfo | null = null;
    const reader = new PcmByteReader();
    let resampler: Resampler | null = null;
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        if (signal.aborted) return;
        let data: Buffer = chunk;
        if (!info) {
          head = Buffer.concat([head, chunk]);
          info = parseWavHeader(head);
          if (!info) continue;
          if (info.channels !== 1) throw new Error(`espeak-ng wrote ${info.channels} channels`);
          resampler = info.sampleRate === SAMPLE_RATE ? null : new Resampler(info.sampleRate, SAMPLE_RATE);
          data = head.subarray(info.dataOffset);
        }
        const pcm = reader.push(data);
        const out = resampler ? resampler.push(pcm) : pcm;
        if (out.length > 0) yield out;
      }
      if (signal.aborted) return;
      const code = await exited;
      if (code !== 0) throw new Error(`espeak-ng exited with ${code}: ${stderr.trim()}`);
      const tail = resampler?.flush();
      if (tail && tail.length > 0) yield tail;
    } finally {
      signal.removeEventListener('abort', kill);
      if (child.exitCode === null && child.signalCode === null) kill();
    }
  }
}
