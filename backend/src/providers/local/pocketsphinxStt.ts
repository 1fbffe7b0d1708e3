// Local, offline STT through Debian's pocketsphinx: one long-running `pocketsphinx_continuous` per
// session, fed a WAV stream on stdin. It segments speech itself and prints each utterance after its
// trailing silence, so it gives finals only (no interim results), about a second after speech ends.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcmToBytes, Resampler, SAMPLE_RATE, wavHeader } from '../../pipeline/audio';
import { BoundedQueue } from '../../pipeline/queue';
import type { SpeechToText, SttCapabilities, SttSession, SttStartOptions, TranscriptEvent } from '../types';
import { buildDomainModel } from './domainLanguageModel';
import { parseUtterances } from './pocketsphinxOutput';
import { PronouncingDictionary } from './pronunciation';

export interface PocketsphinxOptions {
  /** Folder of the pocketsphinx-en-us model. */
  modelDir: string;
  /** Decode with the interview language model built from the corpus and the session's phrases. */
  domainModel: boolean;
  /** Extra decoder arguments, e.g. ['-lw', '8']. */
  extraArgs: string[];
  /** End of speech is decided after this many 10 ms frames of silence (the engine's default is 50). */
  postSpeechFrames: number;
}

export const DEFAULT_POCKETSPHINX: PocketsphinxOptions = {
  modelDir: '/usr/share/pocketsphinx/model/en-us',
  domainModel: true,
  extraArgs: [],
  postSpeechFrames: 40,
};

export class PocketsphinxStt implements SpeechToText {
  readonly name: string;
  readonly capabilities: SttCapabilities = { streaming: true, interimResults: false };
  private readonly options: PocketsphinxOptions;
  private pronouncer: PronouncingDictionary | null = null;

  constructor(options: Partial<PocketsphinxOptions> = {}) {
    this.options = { ...DEFAULT_POCKETSPHINX, ...options };
    this.name = this.options.domainModel ? 'pocketsphinx-domain' : 'pocketsphinx';
  }

  start(options: SttStartOptions): SttSession {
    if (!/^en(-|$)/i.test(options.language)) throw new Error(`pocketsphinx has only an English model, not ${options.language}`);
    const o = this.options;
    const args = ['-hmm', join(o.modelDir, 'en-us'), '-time', 'yes', '-vad_postspeech', String(o.postSpeechFrames)];
    let workDir: string | null = null;
    if (o.domainModel) {
      // The 130k-word dictionary is parsed once per engine, not per session.
      this.pronouncer ??= PronouncingDictionary.load(join(o.modelDir, 'cmudict-en-us.dict'));
      const model = buildDomainModel(this.pronouncer, { phrases: options.phrases });
      workDir = mkdtempSync(join(tmpdir(), 'mocktalk-sphinx-'));
      writeFileSync(join(workDir, 'domain.lm'), model.arpa);
      writeFileSync(join(workDir, 'domain.dict'), model.dictionary);
      args.push('-lm', join(workDir, 'domain.lm'), '-dict', join(workDir, 'domain.dict'));
    } else {
      args.push('-lm', join(o.modelDir, 'en-us.lm.bin'), '-dict', join(o.modelDir, 'cmudict-en-us.dict'));
    }
    return new PocketsphinxSession([...args, ...o.extraArgs], options.sampleRate, workDir);
  }
}

class PocketsphinxSession implements SttSession {
  readonly events: AsyncIterable<TranscriptEvent>;
  private readonly out = new BoundedQueue<TranscriptEvent>({ capacity: 32 });
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly resampler: Resampler | null;
  private failure: Error | null = null;
  private stopping = false;
  private stderr = '';

  constructor(args: string[], sampleRate: number, private readonly workDir: string | null) {
    this.resampler = sampleRate === SAMPLE_RATE ? null : new Resampler(sampleRate, SAMPLE_RATE);
    // `cat |` gives the decoder a real pipe: on Node's stdin socket it fails to read (FINDINGS).
    // Its own process group (detached), so close() can kill sh, cat and the decoder together: sh stays
    // the parent of the pipeline, and killing only sh would leave the decoder running on.
    this.child = spawn('sh', ['-c', 'cat | exec pocketsphinx_continuous -infile /dev/stdin -logfn /dev/null "$@"', 'sh', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdin.on('error', () => undefined); // EPIPE after the decoder died: reported by 'close'
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => { if (this.stderr.length < 2000) this.stderr += d; });
    const exited = new Promise<Error | null>((resolve) => {
      this.child.once('error', resolve);
      this.child.once('close', (code, signal) => {
        const failed = !this.stopping && (code !== 0 || signal !== null);
        resolve(failed ? new Error(`pocketsphinx exited (${code ?? signal}): ${this.stderr.trim()}`) : null);
      });
    });
    this.child.stdin.write(wavHeader(SAMPLE_RATE));
    // Close the events only once the last utterance is parsed and the process is gone, in either order.
    void Promise.all([this.readOutput(), exited]).then(([, error]) => this.finish(error));
    this.events = this.iterate();
  }

  write(pcm: Int16Array): void {
    if (this.stopping || !this.child.stdin.writable) return;
    const samples = this.resampler ? this.resampler.push(pcm) : pcm;
    if (samples.length > 0) this.child.stdin.write(pcmToBytes(samples));
  }

  end(): void {
    if (this.stopping) return;
    const tail = this.resampler?.flush();
    if (tail && tail.length > 0 && this.child.stdin.writable) this.child.stdin.write(pcmToBytes(tail));
    this.stopping = true;
    this.child.stdin.end();
  }

  close(): void {
    this.stopping = true;
    this.child.stdin.destroy();
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    this.out.close();
  }

  private async *iterate(): AsyncIterable<TranscriptEvent> {
    yield* this.out;
    if (this.failure) throw this.failure;
  }

  private async readOutput(): Promise<void> {
    for await (const utterance of parseUtterances(this.child.stdout)) {
      if (utterance.text === '') continue; // noise the decoder heard as silence or fillers
      // Backpressure: while the consumer lags, stop reading; the pipe then stalls the decoder.
      await this.out.push({ kind: 'final', ...utterance });
    }
  }

  private finish(error: Error | null): void {
    if (error && !this.failure) this.failure = error;
    this.out.close();
    if (this.workDir) { rmSync(this.workDir, { recursive: true, force: true }); }
  }
}
