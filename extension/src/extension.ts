// Entry point: wires the pieces together. Everything created here is owned by context.subscriptions.
import * as vscode from 'vscode';
import { AuthStore } from './auth/authStore';
import { signIn, signOut } from './auth/signIn';
import { createErrorReporter } from './auth/userErrors';
import { announceEndings, endInterview } from './commands/endInterview';
import { ReportPanels, deleteInterview, exportReport, openReport } from './commands/reportCommands';
import { showInterview, offerResumeAfterFatalErrors } from './commands/showInterview';
import { startInterview } from './commands/startInterview';
import { COMMANDS, PANELS, VIEWS } from './config';
import { InterviewManager } from './interview/interviewManager';
import { InterviewStatusBar } from './statusBar';
import { InterviewsTreeProvider } from './views/interviewsTree';

/** Handed to the in-host test suite only (ExtensionMode.Test), so no other extension can reach the secrets. */
export interface MocktalkTestApi {
  secrets: vscode.SecretStorage;
  tree: InterviewsTreeProvider;
  manager: InterviewManager;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ testing?: MocktalkTestApi }> {
  const log = vscode.window.createOutputChannel('Mocktalk', { log: true });
  const auth = new AuthStore(context.secrets);
  const errors = createErrorReporter(auth, log);
  const manager = new InterviewManager(context, auth, log);
  const tree = new InterviewsTreeProvider(auth, log);
  const reports = new ReportPanels(context.extensionUri, log, {
    turnAudio: async (path) => (await auth.client()).turnAudio(path),
    exportReport: (sessionId) => vscode.commands.executeCommand(COMMANDS.exportReport, sessionId ? { sessionId } : undefined),
  });
  const refreshTree = () => tree.refresh();
  const reportDeps = { auth, errors, reports, refreshTree, log };
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);

  context.subscriptions.push(
    log, auth, manager, tree, reports,
    new InterviewStatusBar(manager),
    vscode.window.registerTreeDataProvider(VIEWS.interviews, tree),
    command(COMMANDS.signIn, (args?: unknown) => signIn(auth, errors, args)),
    command(COMMANDS.signOut, () => signOut(auth, log)),
    command(COMMANDS.startInterview, (args?: unknown) => startInterview({ context, auth, errors, manager }, args)),
    command(COMMANDS.endInterview, () => endInterview(manager, errors)),
    command(COMMANDS.runTests, () => manager.runTests()),
    command(COMMANDS.showInterview, () => showInterview(manager)),
    command(COMMANDS.openReport, (arg?: Parameters<typeof openReport>[1]) => openReport(reportDeps, arg)),
    command(COMMANDS.deleteInterview, (arg?: Parameters<typeof deleteInterview>[1]) => deleteInterview(reportDeps, arg)),
    command(COMMANDS.exportReport, (arg?: unknown) => exportReport(reportDeps, arg)),
    command(COMMANDS.refreshInterviews, refreshTree),
    announceEndings(manager, refreshTree),
    offerResumeAfterFatalErrors(manager, auth),
    vscode.window.registerWebviewPanelSerializer(PANELS.interview, {
      deserializeWebviewPanel: (panel, state: unknown) => manager.restorePanel(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(PANELS.report, {
      deserializeWebviewPanel: async (panel, state: unknown) => reports.revive(panel, state),
    }),
  );
  await auth.reload();
  log.info('Mocktalk activated');
  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { secrets: context.secrets, tree, manager } } : {};
}

export function deactivate(): void {
  // Nothing beyond context.subscriptions, which VS Code disposes.
}
