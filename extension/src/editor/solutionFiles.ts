// The candidate's solution files: `<solution folder>/<slug>.<ext>` with the problem's starter code.
import * as vscode from 'vscode';
import type { Language, ProblemPublic, SessionDetail } from '../../../protocol/src/domain';
import { SOLUTION_EXTENSIONS } from '../config';

/** What to do when `<slug>.<ext>` exists: ask, keep working in it, or start a fresh numbered file. */
export type ExistingFilePolicy = 'ask' | 'reuse' | 'new';

export async function createSolutionFile(
  folder: vscode.Uri, problem: ProblemPublic, language: Language, policy: ExistingFilePolicy,
): Promise<vscode.Uri | undefined> {
  await vscode.workspace.fs.createDirectory(folder);
  const ext = SOLUTION_EXTENSIONS[language];
  const first = vscode.Uri.joinPath(folder, `${problem.slug}.${ext}`);
  if (!(await exists(first))) return write(first, problem.starterCode[language]);

  let choice = policy;
  if (choice === 'ask') {
    const reuse = `Reuse ${problem.slug}.${ext}`;
    const fresh = 'Create a New File';
    const picked = await vscode.window.showInformationMessage(
      `${problem.slug}.${ext} already exists in ${vscode.workspace.asRelativePath(folder)}. Continue in it, or start again from the starter code?`,
      { modal: true }, reuse, fresh);
    if (!picked) return undefined;
    choice = picked === reuse ? 'reuse' : 'new';
  }
  if (choice === 'reuse') return first;
  for (let n = 2; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${problem.slug}-${n}.${ext}`);
    if (!(await exists(candidate))) return write(candidate, problem.starterCode[language]);
  }
}

/** Reveals a line (evidence in a report) in an open solution file of that session's problem and language. */
export async function revealSolutionLine(session: SessionDetail | null, line: number): Promise<void> {
  if (!session) return;
  const ext = SOLUTION_EXTENSIONS[session.language];
  const name = new RegExp(`(^|[\\\\/])${escapeRegExp(session.problem.slug)}(-\\d+)?\\.${ext}$`);
  const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && name.test(d.uri.path));
  if (!doc) {
    void vscode.window.showInformationMessage(`Open your ${session.problem.slug}.${ext} solution file to jump to line ${line}.`);
    return;
  }
  await revealLineOf(doc.uri, line);
}

/** Shows the document in the first column with the cursor on a 1-based line (evidence links, panels). */
export async function revealLineOf(uri: vscode.Uri, line: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  const position = new vscode.Position(Math.min(line - 1, editor.document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function write(uri: vscode.Uri, text: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
