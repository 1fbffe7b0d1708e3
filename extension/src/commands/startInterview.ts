// Start Interview: pick a problem, create the solution file, open it beside the panel, start the session.
// With arguments ({problemSlug, language, ...}) no quick pick is shown, so tests and scripts can drive it.
import * as vscode from 'vscode';
import { z } from 'zod';
import { Difficulty, Language, Mode, Topic, type ProblemPublic } from '../../../protocol/src/domain';
import type { RestClient } from '../api/restClient';
import { NotSignedInError, type AuthStore } from '../auth/authStore';
import { mocktalkSession } from '../auth/authProvider';
import type { ErrorReporter } from '../auth/userErrors';
import { COMMANDS, interviewMode, preferredLanguage, solutionFolder } from '../config';
import { createSolutionFile } from '../editor/solutionFiles';
import type { InterviewManager } from '../interview/interviewManager';
import { pickDifficulty, pickLanguage, pickProblem, pickTopic } from './problemPicker';

export const StartInterviewArgs = z.object({
  problemSlug: z.string().min(1).optional(),
  topic: Topic.optional(),
  difficulty: Difficulty.optional(),
  language: Language.optional(),
  /** Default: the `mocktalk.interview.mode` setting. */
  mode: Mode.optional(),
  /** When `<slug>.<ext>` already exists: continue in it, or create `<slug>-2.<ext>` (the default). */
  existingFile: z.enum(['reuse', 'new']).optional(),
});
export type StartInterviewArgs = z.infer<typeof StartInterviewArgs>;

export interface StartedInterview { sessionId: string; solutionUri: string }

export interface StartInterviewDeps {
  context: vscode.ExtensionContext;
  auth: AuthStore;
  errors: ErrorReporter;
  manager: InterviewManager;
}

export async function startInterview(deps: StartInterviewDeps, rawArgs?: unknown): Promise<StartedInterview | undefined> {
  // Menus pass their own arguments (a tree item, a URI); only a plain object of ours counts as arguments.
  const parsed = StartInterviewArgs.safeParse(rawArgs);
  const args = parsed.success ? parsed.data : undefined;
  try {
    const client = await signedInClient(deps.auth, args !== undefined);
    if (!client) return undefined;
    if (!(await settleActiveInterview(deps.manager, args !== undefined))) return undefined;

    const problem = await chooseProblem(client, args);
    if (!problem) return undefined;
    const language = args ? args.language ?? preferredLanguage() : await pickLanguage(preferredLanguage());
    if (!language) return undefined;

    const folder = solutionFolder(deps.context.globalStorageUri);
    const solutionUri = await createSolutionFile(folder, problem, language, args ? args.existingFile ?? 'new' : 'ask');
    if (!solutionUri) return undefined;
    await vscode.window.showTextDocument(solutionUri, { viewColumn: vscode.ViewColumn.One, preview: false });

    const session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Mocktalk: starting the interview…' },
      () => deps.manager.start(problem, language, solutionUri, args?.mode ?? interviewMode()));
    return { sessionId: session.id, solutionUri: solutionUri.toString() };
  } catch (err) {
    await deps.errors.report(err, 'start the interview');
    return undefined;
  }
}

async function signedInClient(auth: AuthStore, scripted: boolean): Promise<RestClient | undefined> {
  try {
    return await auth.client();
  } catch (err) {
    if (!(err instanceof NotSignedInError) || scripted) throw err;
    // VS Code's own sign-in prompt (consent dialog, then the provider's createSession).
    if (!(await mocktalkSession('prompt'))) return undefined;
    return auth.client();
  }
}

/** One interview per window: offer to show the running one, or end it first. Scripted calls end it. */
async function settleActiveInterview(manager: InterviewManager, scripted: boolean): Promise<boolean> {
  if (!manager.active) return true;
  const show = 'Show It';
  const replace = 'End It and Start Another';
  const choice = scripted ? replace : await vscode.window.showWarningMessage(
    'An interview is already in progress.', { modal: true }, show, replace);
  if (choice === show) manager.showPanel();
  if (choice !== replace) return false;
  await manager.end();
  return true;
}

async function chooseProblem(client: RestClient, args: StartInterviewArgs | undefined): Promise<ProblemPublic | undefined> {
  if (args?.problemSlug) return client.problem(args.problemSlug);
  let summary;
  if (args) {
    const problems = await client.problems({ topic: args.topic, difficulty: args.difficulty });
    summary = problems[Math.floor(Math.random() * problems.length)];
    if (!summary) throw new Error('No problem matches that topic and difficulty.');
  } else {
    const topic = await pickTopic();
    if (topic === undefined) return undefined;
    const difficulty = await pickDifficulty();
    if (difficulty === undefined) return undefined;
    summary = await pickProblem(client, topic, difficulty);
    if (!summary) return undefined;
  }
  return client.problem(summary.slug);
}
