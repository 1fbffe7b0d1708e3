// Which microphone path an interview uses, and what to try when it fails.
//
// Where the extension host runs decides it. This extension is a `workspace` extension (package.json
// `extensionKind`): it runs the candidate's code and reads their workspace, so in a remote window (SSH, WSL, dev
// containers, Codespaces) its host runs on the remote machine, not where the candidate sits.
// - Web UI (code-server, vscode.dev, Codespaces in a browser): the webview is served by the browser the candidate
//   uses, and getUserMedia works there (it is same-origin with the workbench): use the webview. A recorder would run
//   on the server.
// - A remote desktop window (remoteName set): a recorder spawned by the host would record the remote machine's
//   microphone (usually none), and desktop VS Code denies the webview mic: the companion browser page, opened on the
//   candidate's own machine, is the one path that hears them.
// - Local desktop: desktop VS Code denies getUserMedia in webviews (microsoft/vscode#113916), so a recorder process
//   (sox, arecord, ffmpeg) in the host, which is the candidate's machine; without one, the companion page.
// A forced setting is honoured (the user may know better: a proxied web UI, a recorder on a forwarded device), with
// a warning where it will most likely record the wrong machine or nothing at all.
import { assertNever } from '../../../protocol/src/domain';
import type { CaptureEnvironment, CaptureSetting, CaptureStrategyKind } from './captureStrategy';

export interface CaptureSelection {
  kind: CaptureStrategyKind;
  /** Why this path, in words for the user ("VS Code runs in a browser, whose microphone the panel can use"). */
  reason: string;
  /** What to try, in order, if `kind` fails to start. */
  fallbacks: CaptureStrategyKind[];
  /** Set when a forced setting is likely wrong here. */
  warning?: string;
}

/** Every value of `mocktalk.voice.capture`, as the manifest's enum lists them. */
export const CAPTURE_SETTINGS: readonly CaptureSetting[] = ['auto', 'webview', 'recorder', 'companion'];

const where = (env: CaptureEnvironment): string => (env.remoteName ? `this ${env.remoteName} window's` : "VS Code's");

export function selectCaptureStrategy(setting: CaptureSetting, env: CaptureEnvironment): CaptureSelection {
  const local = !env.webUi && !env.remoteName;
  switch (setting) {
    case 'auto':
      if (env.webUi) {
        return { kind: 'webview', reason: 'VS Code runs in your browser, so the interview panel can use its microphone.', fallbacks: ['companion'] };
      }
      if (env.remoteName) {
        return {
          kind: 'companion',
          reason: `This is a remote window (${env.remoteName}): the extension runs on the remote machine, so the microphone is taken from a browser page on this computer.`,
          fallbacks: [],
        };
      }
      if (env.recorderAvailable) {
        return { kind: 'recorder', reason: 'Desktop VS Code does not give webviews the microphone, so a recorder program on this computer captures it.', fallbacks: ['companion'] };
      }
      return {
        kind: 'companion',
        reason: 'Desktop VS Code does not give webviews the microphone and no recorder (sox, arecord, ffmpeg) was found, so a browser page captures it.',
        fallbacks: [],
      };
    case 'webview':
      return {
        kind: 'webview',
        reason: 'mocktalk.voice.capture is set to "webview".',
        fallbacks: local && env.recorderAvailable ? ['recorder', 'companion'] : ['companion'],
        ...(env.webUi ? {} : { warning: 'Desktop VS Code usually denies the microphone to webviews; if the panel cannot hear you, set mocktalk.voice.capture to "auto".' }),
      };
    case 'recorder':
      return {
        kind: 'recorder',
        reason: 'mocktalk.voice.capture is set to "recorder".',
        fallbacks: ['companion'],
        ...(local ? {} : { warning: `The recorder runs where ${where(env)} extension host runs — ${env.webUi ? 'the server' : 'the remote machine'}, not your computer — so it will record that machine's microphone, if any.` }),
      };
    case 'companion':
      return { kind: 'companion', reason: 'mocktalk.voice.capture is set to "companion".', fallbacks: [] };
    default:
      return assertNever(setting, 'capture setting');
  }
}
