// Practise Again (the Interviews tree's context menu): a new interview on the same problem, in the same language.
import * as vscode from 'vscode';
import { z } from 'zod';
import { Language } from '../../../protocol/src/domain';
import type { AuthStore } from '../auth/authStore';
import type { ErrorReporter } from '../auth/userErrors';
import { COMMANDS } from '../config';
import type { InterviewManager } from '../interview/interviewManager';
import type { StartInterviewArgs, StartedInterview } from './startInterview';

/** A tree node ({kind:'session', session}), `{sessionId}` or a bare id; `confirm: false` skips the "already running" question. */
const PractiseAgainArg = z.union([
  z.object({ kind: z.literal('session'), session: z.object({ id: z.string(), language: Language, problem: z.object({ slug: z.string().min(1) }) }) })
    .transform(({ session }) => ({ sessionId: session.id, slug: session.problem.slug as string | null, language: session.language as Language | null, confirm: true })),
  z.object({ sessionId: z.string().min(1), confirm: z.boolean().default(true) })
    .transform(({ sessionId, confirm }) => ({ sessionId, slug: null, language: null, confirm })),
  z.string().min(1).transform((sessionId) => ({ sessionId, slug: null, language: null, confirm: true })),
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
    let { slug, language } = arg;
    if (!slug || !language) {
      const session = await (await deps.auth.client()).session(arg.sessionId);
      slug = session.problem.slug;
      language = session.language;
    }
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
