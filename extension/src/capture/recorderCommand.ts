// Which recorder program captures the microphone in the extension host, and with which arguments: the
// `mocktalk.voice.recorderCommand` override if set, else sox (`rec`/`sox`), `arecord` or `ffmpeg` found on PATH.
// Every command writes raw little-endian PCM16, 16 kHz, mono to stdout. Pure apart from file-system lookups, with
// platform and environment passed in, so tests resolve Windows and macOS commands on any machine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { MicError } from '../../../protocol/src/webviewAudio';

export type RecorderPlatform = 'darwin' | 'linux' | 'win32';
export type RecorderProgram = 'rec' | 'sox' | 'arecord' | 'ffmpeg' | 'custom';

export interface RecorderCommand {
  program: RecorderProgram;
  /** Absolute path of the executable (or the override's first word when it could not be resolved). */
  executable: string;
  args: string[];
  /** For "which capture is in use", e.g. "sox (rec)". */
  label: string;
  /** Windows ffmpeg needs a DirectShow device name, found by listing devices at start (see dshow.ts). */
  needsDshowDevice?: boolean;
}

export interface RecorderLookup {
  platform: RecorderPlatform | NodeJS.Platform;
  /** The extension host's environment: PATH (Path on Windows), PATHEXT, PULSE_SERVER, XDG_RUNTIME_DIR. */
  env: Readonly<Record<string, string | undefined>>;
  /** The raw `mocktalk.voice.recorderCommand` setting value (unvalidated). */
  override?: unknown;
}

export type RecorderResolution = { ok: true; command: RecorderCommand } | { ok: false; error: MicError };

const PCM_OUT = ['-r', '16000', '-e', 'signed', '-b', '16', '-c', '1'];
/** Placeholder in ffmpeg's Windows arguments, replaced by the DirectShow device found at start. */
export const DSHOW_DEVICE = '${dshowDevice}';

/** The candidates tried on each OS, in order. */
const SEARCH_ORDER: Record<RecorderPlatform, Exclude<RecorderProgram, 'custom'>[]> = {
  darwin: ['rec', 'sox', 'ffmpeg'],
  linux: ['rec', 'sox', 'arecord', 'ffmpeg'],
  // Windows builds of sox ship sox.exe (rec is a link on POSIX only); arecord does not exist there.
  win32: ['sox', 'rec', 'ffmpeg'],
};

const INSTALL_GUIDANCE: Record<RecorderPlatform, string> = {
  darwin: 'Install SoX with `brew install sox` (or ffmpeg with `brew install ffmpeg`), then allow your editor to use the microphone in System Settings › Privacy & Security › Microphone.',
  linux: 'Install SoX with `sudo apt install sox` (Fedora: `sudo dnf install sox`), or make sure `arecord` (alsa-utils) or `ffmpeg` is on PATH.',
  win32: 'Install SoX with `winget install ChrisBagwell.SoX` or `choco install sox.portable` (or ffmpeg with `winget install Gyan.FFmpeg`), then restart VS Code so it sees the new PATH.',
};

export function normalizePlatform(platform: string): RecorderPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** Arguments for a known recorder on an OS; the output is always raw s16le 16 kHz mono on stdout. */
export function recorderArgs(program: Exclude<RecorderProgram, 'custom'>, platform: RecorderPlatform, env: RecorderLookup['env'] = {}): string[] {
  switch (program) {
    case 'rec': return ['-q', '-t', 'raw', ...PCM_OUT, '-'];
    // `sox -d` is the default input device, which is what `rec` means.
    case 'sox': return ['-q', '-d', '-t', 'raw', ...PCM_OUT, '-'];
    case 'arecord': return ['-q', '-f', 'S16_LE', '-r', '16000', '-c', '1', '-t', 'raw'];
    case 'ffmpeg': return ['-hide_banner', '-nostats', '-loglevel', 'error', ...ffmpegInput(platform, env), '-ac', '1', '-ar', '16000', '-f', 's16le', '-'];
  }
}

function ffmpegInput(platform: RecorderPlatform, env: RecorderLookup['env']): string[] {
  switch (platform) {
    case 'darwin': return ['-f', 'avfoundation', '-i', ':default'];
    case 'win32': return ['-f', 'dshow', '-i', `audio=${DSHOW_DEVICE}`];
    case 'linux': return [...(hasPulse(env) ? ['-f', 'pulse'] : ['-f', 'alsa']), '-i', 'default'];
  }
}

/** PulseAudio, or PipeWire's pulse server, is what desktop Linux records through today; bare ALSA otherwise. */
function hasPulse(env: RecorderLookup['env']): boolean {
  if (env.PULSE_SERVER) return true;
  return !!env.XDG_RUNTIME_DIR && fs.existsSync(path.join(env.XDG_RUNTIME_DIR, 'pulse', 'native'));
}

/** The override setting: an argv array, or one string split like a shell would (quotes, no expansion). */
const OverrideSetting = z.union([z.string(), z.array(z.string())]);

export function parseOverride(value: unknown): { ok: true; argv: string[] | null } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, argv: null };
  const parsed = OverrideSetting.safeParse(value);
  if (!parsed.success) return { ok: false, message: 'mocktalk.voice.recorderCommand must be a command line string or an array of strings' };
  const argv = typeof parsed.data === 'string' ? splitCommandLine(parsed.data) : parsed.data;
  if (argv === null) return { ok: false, message: 'mocktalk.voice.recorderCommand has an unterminated quote' };
  if (argv.length === 0 || argv[0]!.trim() === '') return { ok: true, argv: null };
  return { ok: true, argv };
}

/** Splits on unquoted whitespace; '…' and "…" group (a backslash escapes inside "…" and outside quotes on POSIX). null: unterminated quote. */
export function splitCommandLine(line: string): string[] | null {
  const out: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) return null;
  if (word !== null) out.push(word);
  return out;
}

/** PATH directories (Windows spells it `Path`; the environment is case-insensitive there). */
function pathDirs(platform: RecorderPlatform, env: RecorderLookup['env']): string[] {
  const key = platform === 'win32' ? Object.keys(env).find((k) => k.toUpperCase() === 'PATH') : 'PATH';
  const value = key ? env[key] ?? '' : '';
  return value.split(platform === 'win32' ? ';' : ':').map((d) => d.replace(/^"(.*)"$/, '$1')).filter((d) => d !== '');
}

function isExecutableFile(file: string, platform: RecorderPlatform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: the first executable `name` on PATH, trying each PATHEXT extension on Windows. Paths are joined
 * the host's way (the files are the host's); `platform` decides PATH's separator, PATHEXT and the execute bit. */
export function findOnPath(name: string, platform: RecorderPlatform, env: RecorderLookup['env']): string | null {
  const extensions = platform === 'win32'
    ? ['', ...(env.PATHEXT ?? env.Pathext ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')]
    : [''];
  // On Windows a bare name without an extension is not runnable; a name with one (sox.exe) is tried as is first.
  const candidates = (base: string) => extensions
    .filter((ext) => platform !== 'win32' || ext !== '' || path.extname(name) !== '')
    .flatMap((ext) => (ext === '' ? [base] : [base + ext.toLowerCase(), base + ext.toUpperCase()]));
  if (name.includes('/') || (platform === 'win32' && name.includes('\\'))) {
    return candidates(name).find((file) => isExecutableFile(file, platform)) ?? null;
  }
  for (const dir of pathDirs(platform, env)) {
    const found = candidates(path.join(dir, name)).find((file) => isExecutableFile(file, platform));
    if (found) return found;
  }
  return null;
}

/** The override if set, else the first recorder found on PATH; else a MicError telling the user what to install. */
export function resolveRecorder(lookup: RecorderLookup): RecorderResolution {
  const platform = normalizePlatform(lookup.platform);
  const override = parseOverride(lookup.override);
  if (!override.ok) return { ok: false, error: { kind: 'unsupported', message: override.message } };
  if (override.argv) {
    const [program, ...args] = override.argv as [string, ...string[]];
    const executable = findOnPath(program, platform, lookup.env);
    if (!executable) {
      return { ok: false, error: { kind: 'unsupported', message: `The recorder command from mocktalk.voice.recorderCommand, \`${program}\`, was not found on PATH.`.slice(0, 500) } };
    }
    return { ok: true, command: { program: 'custom', executable, args, label: `${path.basename(program)} (mocktalk.voice.recorderCommand)` } };
  }
  for (const program of SEARCH_ORDER[platform]) {
    const executable = findOnPath(program, platform, lookup.env);
    if (!executable) continue;
    const args = recorderArgs(program, platform, lookup.env);
    const label = program === 'rec' ? 'sox (rec)' : program;
    return { ok: true, command: { program, executable, args, label, ...(args.includes(`audio=${DSHOW_DEVICE}`) ? { needsDshowDevice: true } : {}) } };
  }
  return { ok: false, error: noRecorderError(platform) };
}

export function noRecorderError(platform: RecorderPlatform): MicError {
  const searched = SEARCH_ORDER[platform].join(', ');
  return {
    kind: 'unsupported',
    message: `No microphone recorder found on this machine (looked for ${searched} on PATH). ${INSTALL_GUIDANCE[platform]} Or set mocktalk.voice.capture to "companion" to use the microphone from a browser page.`.slice(0, 500),
  };
}
