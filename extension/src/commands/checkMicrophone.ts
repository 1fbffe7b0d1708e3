// Check Microphone: says which way Mocktalk will hear the candidate in this window, and why — the same selection a
// voice interview makes (mocktalk.voice.capture applied to where the window runs), with the recorder it would run.
import * as vscode from 'vscode';
import type { CaptureStrategyKind } from '../capture/captureStrategy';
import { resolveRecorder } from '../capture/recorderCommand';
import { selectCaptureStrategy } from '../capture/strategySelection';
import { SETTINGS, captureEnvironment, captureSetting, recorderCommandSetting } from '../config';

export interface MicrophoneCheck {
  recommended: CaptureStrategyKind;
  summary: string;
  detail: string;
}

const SUMMARIES: Record<CaptureStrategyKind, (recorder: string | null) => string> = {
  webview: () => 'Mocktalk will use the microphone of this browser, inside the interview panel.',
  recorder: (recorder) => `Mocktalk will record your microphone with ${recorder ?? 'a recorder program'}.`,
  companion: () => 'Mocktalk will open a small browser page that listens to your microphone during voice interviews.',
};

export async function checkMicrophone(): Promise<MicrophoneCheck> {
  const selection = selectCaptureStrategy(captureSetting(), captureEnvironment());
  const found = resolveRecorder({ platform: process.platform, env: process.env, override: recorderCommandSetting() });
  const recorder = found.ok ? found.command.label : null;
  const hint = selection.kind === 'companion' && !found.ok ? ' Installing sox lets Mocktalk record directly.' : '';
  const check: MicrophoneCheck = {
    recommended: selection.kind,
    summary: SUMMARIES[selection.kind](recorder),
    detail: `${selection.reason}${selection.warning ? ` ${selection.warning}` : ''}${hint} Text interviews work without a microphone.`,
  };
  const openSettings = 'Open Voice Settings';
  void vscode.window.showInformationMessage(`${check.summary} ${check.detail}`, openSettings).then((choice) => {
    if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS.section}.voice`);
  });
  return check;
}
