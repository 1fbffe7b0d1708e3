// Every identifier the manifest (package.json `contributes`) and the code share, in one place.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGES, MODES, type Language, type Mode } from '../../protocol/src/domain';
import type { ToolchainOptions } from './runner/toolchains';
import type { CaptureEnvironment, CaptureSetting } from './capture/captureStrategy';
import { resolveRecorder } from './capture/recorderCommand';
import { CAPTURE_SETTINGS } from './capture/strategySelection';

export const EXTENSION_ID = 'mocktalk.mocktalk';

export const COMMANDS = {
  startInterview: 'mocktalk.startInterview',
  endInterview: 'mocktalk.endInterview',
  showInterview: 'mocktalk.showInterview',
  signIn: 'mocktalk.signIn',
  signOut: 'mocktalk.signOut',
  openReport: 'mocktalk.openReport',
  refreshInterviews: 'mocktalk.refreshInterviews',
  deleteInterview: 'mocktalk.deleteInterview',
  runTests: 'mocktalk.runTests',
  practiseAgain: 'mocktalk.practiseAgain',
  toggleMute: 'mocktalk.toggleMute',
  refreshProgress: 'mocktalk.refreshProgress',
  requestHint: 'mocktalk.requestHint',
  togglePushToTalk: 'mocktalk.togglePushToTalk',
  checkMicrophone: 'mocktalk.checkMicrophone',
  exportReport: 'mocktalk.exportReport',
} as const;

export const VIEWS = { container: 'mocktalk', interviews: 'mocktalk.interviews', progress: 'mocktalk.progress' } as const;

export const PANELS = { interview: 'mocktalk.interview', report: 'mocktalk.report' } as const;

/** Context keys used in `when` clauses of the manifest. */
export const CONTEXT_KEYS = {
  signedIn: 'mocktalk.signedIn',
  interviewActive: 'mocktalk.interviewActive',
  /** What the Interviews view shows: loaded, empty, unreachable, failed, signed-out (picks the welcome message). */
  interviewsState: 'mocktalk.interviewsState',
} as const;

export const SETTINGS = {
  section: 'mocktalk',
  serverUrl: 'server.url',
  language: 'interview.language',
  solutionFolder: 'interview.solutionFolder',
  mode: 'interview.mode',
  pythonPath: 'tests.pythonPath',
  voiceCapture: 'voice.capture',
  recorderCommand: 'voice.recorderCommand',
} as const;

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/** Keys in workspaceState / SecretStorage. */
export const STORAGE_KEYS = {
  activeInterview: 'mocktalk.activeInterview',
  tokenPrefix: 'mocktalk.token:',
} as const;

export const SOLUTION_EXTENSIONS: Record<Language, string> = { javascript: 'js', typescript: 'ts', python: 'py' };

const settings = () => vscode.workspace.getConfiguration(SETTINGS.section);

/** The server's base URL without a trailing slash (a pasted "http://host:8787/" must still work). */
export function serverUrl(): string {
  const value = settings().get<string>(SETTINGS.serverUrl, DEFAULT_SERVER_URL).trim();
  return (value || DEFAULT_SERVER_URL).replace(/\/+$/, '');
}

export function preferredLanguage(): Language {
  const value = settings().get<string>(SETTINGS.language, 'javascript');
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : 'javascript';
}

/** `voice` (the default: speak, or type when the mic is unavailable) or `text`. */
export function interviewMode(): Mode {
  const value = settings().get<string>(SETTINGS.mode, 'voice');
  return (MODES as readonly string[]).includes(value) ? (value as Mode) : 'voice';
}

/** Where solution files go: the setting, else `<first workspace folder>/mocktalk`, else global storage. */
export function solutionFolder(globalStorage: vscode.Uri): vscode.Uri {
  const configured = settings().get<string>(SETTINGS.solutionFolder, '').trim();
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (configured) {
    const expanded = configured.replace(/^~(?=$|[\\/])/, process.env.HOME ?? process.env.USERPROFILE ?? '~');
    if (/^([\\/]|[A-Za-z]:[\\/])/.test(expanded)) return vscode.Uri.file(expanded);
    // A relative path is relative to the workspace, like most path settings.
    return vscode.Uri.joinPath(workspace ?? globalStorage, expanded);
  }
  return workspace ? vscode.Uri.joinPath(workspace, 'mocktalk') : vscode.Uri.joinPath(globalStorage, 'solutions');
}

/** Where the test runner finds interpreters: the Python setting, and TypeScript in the workspace or VS Code itself. */
export function runnerOptions(): ToolchainOptions {
  const pythonPath = settings().get<string>(SETTINGS.pythonPath, '').trim();
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return {
    pythonPath: pythonPath || undefined,
    // A packaged extension ships no `typescript`; VS Code's own copy lives under extensions/node_modules.
    typescriptSearchPaths: [...folders, path.join(vscode.env.appRoot, 'extensions', 'node_modules')],
  };
}

export function affectsServerUrl(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.serverUrl}`);
}

/** `mocktalk.voice.capture`; anything unknown means `auto`. */
export function captureSetting(): CaptureSetting {
  const value = settings().get<string>(SETTINGS.voiceCapture, 'auto');
  return (CAPTURE_SETTINGS as readonly string[]).includes(value) ? (value as CaptureSetting) : 'auto';
}

/** `mocktalk.voice.recorderCommand` as stored (a string or an array); RecorderCapture validates it. */
export function recorderCommandSetting(): unknown {
  return settings().get<unknown>(SETTINGS.recorderCommand, '');
}

/** Where this window's extension host runs, for selectCaptureStrategy(). */
export function captureEnvironment(): CaptureEnvironment {
  return {
    remoteName: vscode.env.remoteName,
    webUi: vscode.env.uiKind === vscode.UIKind.Web,
    recorderAvailable: resolveRecorder({ platform: process.platform, env: process.env, override: recorderCommandSetting() }).ok,
  };
}
