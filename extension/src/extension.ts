// Entry point: wires the pieces together. Everything created here is owned by context.subscriptions.
import * as vscode from 'vscode';
import { MocktalkAuthProvider, offerSignInInAccountsMenu } from './auth/authProvider';
import { AuthStore } from './auth/authStore';
import { signIn, signInCommand, signOut, signOutCommand } from './auth/signIn';
import { createErrorReporter, promptSignInAgain } from './auth/userErrors';
import { checkMicrophone } from './commands/checkMicrophone';
import { announceEndings, endInterview } from './commands/endInterview';
import { practiseAgain } from './commands/practiseAgain';
import { requestHint, togglePushToTalk } from './commands/keyboardCommands';
import { ReportPanels, deleteInterview, exportReport, openReport } from './commands/reportCommands';
import { showInterview, offerResumeAfterFatalErrors } from './commands/showInterview';
import { startInterview } from './commands/startInterview';
import { MuteControl, followInterviewMic } from './commands/toggleMute';
import { COMMANDS, PANELS, VIEWS } from './config';
import { InterviewManager } from './interview/interviewManager';
import { InterviewStatusBar } from './statusBar';
import { InterviewsTreeProvider, refreshWhenSessionJoins } from './views/interviewsTree';
import { ProgressViewProvider } from './views/progressView';

/** Set by the bundle's first line (scripts/build.mjs banner): when VS Code started loading the extension's code. */
declare const __mocktalkLoadStart: number | undefined;

/** Handed to the in-host test suite only (ExtensionMode.Test), so no other extension can reach the secrets. */
export interface MocktalkTestApi {
  secrets: vscode.SecretStorage;
  auth: AuthStore;
  tree: InterviewsTreeProvider;
  manager: InterviewManager;
  progress: ProgressViewProvider;
  statusBar: InterviewStatusBar;
  mute: MuteControl;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ testing?: MocktalkTestApi }> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Mocktalk', { log: true });
  const auth = new AuthStore(context.secrets);
  const errors = createErrorReporter(auth, log);
  const accounts = new MocktalkAuthProvider(auth, { signIn: () => signIn(auth, errors), signOut: () => signOut(auth, log) });
  const manager = new InterviewManager(context, auth, log);
  const tree = new InterviewsTreeProvider(auth, log);
  const reports = new ReportPanels(context.extensionUri, log, {
    turnAudio: async (path) => (await auth.client()).turnAudio(path),
    exportReport: (sessionId) => vscode.commands.executeCommand(COMMANDS.exportReport, sessionId ? { sessionId } : undefined),
  });
  const progress = new ProgressViewProvider(context.extensionUri, auth, log);
  const statusBar = new InterviewStatusBar(manager);
  const mute = new MuteControl();
  // The history changed (an interview ended or was deleted): both sidebar views reload.
  const refreshTree = () => { tree.refresh(); void progress.refresh(); };
  const reportDeps = { auth, errors, reports, refreshTree, log };
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);

  context.subscriptions.push(
    log, auth, accounts, promptSignInAgain(auth, log), manager, tree, reports,
    progress, statusBar, mute,
    vscode.window.registerTreeDataProvider(VIEWS.interviews, tree),
    vscode.window.registerWebviewViewProvider(VIEWS.progress, progress),
    command(COMMANDS.signIn, (args?: unknown) => signInCommand(auth, errors, args)),
    command(COMMANDS.signOut, () => signOutCommand(accounts)),
    command(COMMANDS.startInterview, (args?: unknown) => startInterview({ context, auth, errors, manager }, args)),
    command(COMMANDS.endInterview, () => endInterview(manager, errors)),
    command(COMMANDS.runTests, () => manager.runTests()),
    command(COMMANDS.showInterview, () => showInterview(manager)),
    command(COMMANDS.openReport, (arg?: Parameters<typeof openReport>[1]) => openReport(reportDeps, arg)),
    command(COMMANDS.deleteInterview, (arg?: Parameters<typeof deleteInterview>[1]) => deleteInterview(reportDeps, arg)),
    command(COMMANDS.exportReport, (arg?: unknown) => exportReport(reportDeps, arg)),
    command(COMMANDS.refreshInterviews, refreshTree),
    command(COMMANDS.practiseAgain, (arg?: unknown) => practiseAgain({ auth, errors, manager }, arg)),
    command(COMMANDS.toggleMute, () => mute.toggle()),
    followInterviewMic(manager, statusBar, mute),
    command(COMMANDS.refreshProgress, () => progress.refresh()),
    command(COMMANDS.requestHint, () => requestHint(manager)),
    command(COMMANDS.togglePushToTalk, () => togglePushToTalk(manager)),
    command(COMMANDS.checkMicrophone, () => checkMicrophone()),
    announceEndings(manager, refreshTree),
    refreshWhenSessionJoins(manager, () => tree.refresh()),
    offerResumeAfterFatalErrors(manager, auth),
    vscode.window.registerWebviewPanelSerializer(PANELS.interview, {
      deserializeWebviewPanel: (panel, state: unknown) => manager.restorePanel(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(PANELS.report, {
      deserializeWebviewPanel: async (panel, state: unknown) => reports.revive(panel, state),
    }),
  );
  // Reading the secret store is an IPC round trip to the window, slow while it is starting up: activation does not
  // wait for it (the tree and the Accounts menu update when it lands; token() loads on demand before that).
  const loaded = auth.reload();
  loaded.catch((err: unknown) => log.error('Reading the stored sign-in failed:', err instanceof Error ? err.message : String(err)));
  context.subscriptions.push(offerSignInInAccountsMenu(auth, log, loaded));
  // bench/extension.ts reads this line from the log: code loading (bundle evaluation) + activate().
  const loadStart = typeof __mocktalkLoadStart === 'number' ? __mocktalkLoadStart : started;
  const done = performance.now();
  log.info(`Mocktalk activated in ${(done - loadStart).toFixed(2)} ms (loading ${(started - loadStart).toFixed(2)} ms, activate() ${(done - started).toFixed(2)} ms)`);
  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { secrets: context.secrets, auth, tree, manager, progress, statusBar, mute } } : {};
}

export function deactivate(): void {
  // Nothing beyond context.subscriptions, which VS Code disposes.
}
