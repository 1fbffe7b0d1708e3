// Commands behind the interview's keybindings (when `mocktalk.interviewActive`): ask for a hint, push-to-talk.
import * as vscode from 'vscode';
import type { InterviewManager } from '../interview/interviewManager';

/** Sent as the candidate's answer; the interviewers read it as a hint request (see interviewer/local/intents.ts). */
export const HINT_REQUEST = 'Could you give me a hint?';

const noInterview = () => void vscode.window.showInformationMessage('No Mocktalk interview is in progress.');

/** Asks the interviewer for a hint, exactly as if the candidate had typed it; false without a live interview. */
export function requestHint(manager: InterviewManager): boolean {
  const interview = manager.active;
  if (!interview) {
    noInterview();
    return false;
  }
  interview.submitAnswer(HINT_REQUEST);
  return true;
}

export function togglePushToTalk(manager: InterviewManager): boolean {
  if (manager.togglePushToTalk()) return true;
  noInterview();
  return false;
}
