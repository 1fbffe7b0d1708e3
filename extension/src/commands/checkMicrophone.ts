// Check Microphone: says which way Mocktalk can hear the candidate on this machine, and why.
// Desktop VS Code denies the microphone to webviews, so there the choice is a recorder program or a browser page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CaptureStrategyKind } from '../capture/captureStrategy';
import { SETTINGS } from '../config';

/** Recorder programs, in order of preference, as looked up on the extension host's PATH. */
const RECORDERS = [
  { command: 'rec', label: 'sox (rec)' },
  { command: 'arecord', label: 'ALSA arecord' },
  { command: 'ffmpeg', label: 'ffmpeg' },
] as const;

export interface MicrophoneCheck {
  recommended: CaptureStrategyKind;
  /** Recorder programs found on the extension host's PATH, by label. */
  recorders: string[];
  summary: string;
  detail: string;
}

export function findRecorders(pathVariable: string, platform: NodeJS.Platform): string[] {
  const dirs = pathVariable.split(path.delimiter).filter(Boolean);
  const names = (command: string) => (platform === 'win32' ? [`${command}.exe`] : [command]);
  const found = (command: string) => dirs.some((dir) => names(command).some((name) => {
    try {
      return fs.statSync(path.join(dir, name)).isFile();
    } catch {
      return false;
    }
  }));
  return RECORDERS.filter((r) => found(r.command)).map((r) => r.label);
}

export function assessMicrophone(env: { webUi: boolean; remoteName: string | undefined; recorders: string[] }): MicrophoneCheck {
  const { webUi, remoteName, recorders } = env;
  if (webUi) {
    return {
      recommended: 'webview', recorders,
      summary: 'Mocktalk will use the microphone of this browser, inside the interview panel.',
      detail: 'Your browser asks for permission the first time you turn the microphone on in the panel.',
    };
  }
  if (recorders.length && !remoteName) {
    return {
      recommended: 'recorder', recorders,
      summary: `Mocktalk will record your microphone with ${recorders[0]}.`,
      detail: `Desktop VS Code does not let extensions' panels use the microphone, so Mocktalk runs a recorder program. Found: ${recorders.join(', ')}.`,
    };
  }
  const why = remoteName
    ? `This window runs on a remote machine (${remoteName}), so a recorder there would not hear you.`
    : 'Desktop VS Code does not let extensions\' panels use the microphone, and no recorder (sox, arecord, ffmpeg) is on PATH.';
  return {
    recommended: 'companion', recorders,
    summary: 'Mocktalk will open a small browser page that listens to your microphone during voice interviews.',
    detail: `${why} Installing sox lets Mocktalk record directly. Text interviews work without a microphone.`,
  };
}

export async function checkMicrophone(): Promise<MicrophoneCheck> {
  const check = assessMicrophone({
    webUi: vscode.env.uiKind === vscode.UIKind.Web,
    remoteName: vscode.env.remoteName,
    recorders: findRecorders(process.env.PATH ?? '', process.platform),
  });
  const openSettings = 'Open Voice Settings';
  void vscode.window.showInformationMessage(`${check.summary} ${check.detail}`, openSettings).then((choice) => {
    if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS.section}.voice`);
  });
  return check;
}
