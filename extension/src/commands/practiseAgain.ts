// Practise Again (the Interviews tree's context menu): a new interview on the same problem, in the same language.
import * as vscode from 'vscode';
import { z } from 'zod';
import { Language } from '../../../protocol/src/domain';
import type { AuthStore } from '../auth/authStore';
import type { ErrorReporter } from '../auth/userErrors';
import { COMMANDS } from '../config';
import type { InterviewManager } from '../interview/interviewManager';
import type { StartInterviewArgs, StartedInterview } from './startInterview';

interface PractiseTarget { sessionId: string; problem: { slug: string; language: Language } | null; confirm: boolean }

/** A tree node ({kind:'session', session}), `{sessionId}` or a bare id; `confirm: false` skips the "already running" question. */
const PractiseAgainArg = z.union([
  z.object({ kind: z.literal('session'), session: z.object({ id: z.string(), language: Language, problem: z.object({ slug: z.string().min(1) }) }) })
    .transform(({ session }): PractiseTarget => ({ sessionId: session.id, problem: { slug: session.problem.slug, language: session.language }, confirm: true })),
  z.object({ sessionId: z.string().min(1), confirm: z.boolean().default(true) })
    .transform(({ sessionId, confirm }): PractiseTarget => ({ sessionId, problem: null, confirm })),
  z.string().min(1).transform((sessionId): PractiseTarget => ({ sessionId, problem: null, confirm: true })),
]);

export interface PractiseAgainDeps { auth: AuthStore; errors: ErrorReporter; manager: InterviewManager }

export async function practiseAgain(deps: PractiseAgainDeps, rawArg?: unknown): Promise<StartedInterview | undefined> {
  const parsed = PractiseAgainArg.safeParse(rawArg);
  if (!parsed.success) {
    void vscode.window.showInformationMessage('Pick an interview in the Mocktalk Interviews view to practise its problem again.');
    return undefined;
  }
  const arg = parsed.data;
  try {
    // A tree node carries the problem; an id alone is looked up.
    const { slug, language } = arg.problem ?? await problemOf(deps.auth, arg.sessionId);
    if (deps.manager.active && arg.confirm) {
      const replace = 'End It and Start Again';
      const choice = await vscode.window.showWarningMessage(
        'An interview is already in progress. End it and start this problem again?', { modal: true }, replace);
      if (choice !== replace) return undefined;
    }
    // With arguments, Start Interview asks nothing more: it ends a running interview and makes a fresh numbered file.
    const args: StartInterviewArgs = { problemSlug: slug, language, existingFile: 'new' };
    return await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview, args);
  } catch (err) {
    await deps.errors.report(err, 'practise the problem again');
    return undefined;
  }
}

async function problemOf(auth: AuthStore, sessionId: string): Promise<{ slug: string; language: Language }> {
  const session = await (await auth.client()).session(sessionId);
  return { slug: session.problem.slug, language: session.language };
}
