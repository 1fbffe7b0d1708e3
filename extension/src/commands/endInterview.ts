// End Interview, and what follows any ending (the command, the panel's button, or the interviewer wrapping up).
import * as vscode from 'vscode';
import type { EvaluationView } from '../../../protocol/src/domain';
import type { ErrorReporter } from '../auth/userErrors';
import { COMMANDS } from '../config';
import type { InterviewManager } from '../interview/interviewManager';
import { resultLabel } from '../labels';

export async function endInterview(manager: InterviewManager, errors: ErrorReporter): Promise<EvaluationView | undefined> {
  if (!manager.active) {
    void vscode.window.showInformationMessage('No Mocktalk interview is in progress.');
    return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Mocktalk: ending the interview and scoring it…' },
      () => manager.end());
  } catch (err) {
    await errors.report(err, 'end the interview');
    return undefined;
  }
}

/** Announces every ended interview with its score and refreshes the Interviews view. */
export function announceEndings(manager: InterviewManager, refreshTree: () => void): vscode.Disposable {
  return manager.onDidEndInterview(async ({ sessionId, problemTitle, evaluation }) => {
    refreshTree();
    const choice = await vscode.window.showInformationMessage(
      `Interview ended (${problemTitle}): ${resultLabel(evaluation.band, evaluation.overall)}.`, 'Open Report');
    if (choice) await vscode.commands.executeCommand(COMMANDS.openReport, sessionId);
  });
}
