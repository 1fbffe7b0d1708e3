// Quick picks for Start Interview: topic → difficulty → problem → language. Each step can be "Any".
import * as vscode from 'vscode';
import {
  DIFFICULTIES, LANGUAGES, TOPICS, type Difficulty, type Language, type ProblemSummary, type Topic,
} from '../../../protocol/src/domain';
import type { RestClient } from '../api/restClient';
import { DIFFICULTY_LABELS, LANGUAGE_LABELS, TOPIC_LABELS } from '../labels';

const TITLE = 'Mocktalk: Start Interview';
const ANY = '$(question) Any';

interface Pick<T> extends vscode.QuickPickItem { value: T }

export async function pickTopic(): Promise<Topic | null | undefined> {
  const items: Pick<Topic | null>[] = [
    { label: `${ANY} topic`, value: null },
    ...TOPICS.map((t) => ({ label: TOPIC_LABELS[t], value: t })),
  ];
  return (await vscode.window.showQuickPick(items, { title: `${TITLE} (1/4)`, placeHolder: 'Topic', ignoreFocusOut: true }))?.value;
}

export async function pickDifficulty(): Promise<Difficulty | null | undefined> {
  const items: Pick<Difficulty | null>[] = [
    { label: `${ANY} difficulty`, value: null },
    ...DIFFICULTIES.map((d) => ({ label: DIFFICULTY_LABELS[d], value: d })),
  ];
  return (await vscode.window.showQuickPick(items, { title: `${TITLE} (2/4)`, placeHolder: 'Difficulty', ignoreFocusOut: true }))?.value;
}

/** The problem list comes from the server while the quick pick already shows (busy) so the step never looks stuck. */
export async function pickProblem(client: RestClient, topic: Topic | null, difficulty: Difficulty | null): Promise<ProblemSummary | undefined> {
  const quickPick = vscode.window.createQuickPick<Pick<ProblemSummary | null>>();
  quickPick.title = `${TITLE} (3/4)`;
  quickPick.placeholder = 'Problem';
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  quickPick.enabled = false;
  quickPick.show();
  try {
    const loaded = client.problems({ topic: topic ?? undefined, difficulty: difficulty ?? undefined });
    const hidden = new Promise<undefined>((resolve) => quickPick.onDidHide(() => resolve(undefined)));
    const problems = await Promise.race([loaded, hidden]);
    if (!problems) return undefined;
    if (problems.length === 0) {
      quickPick.hide();
      void vscode.window.showInformationMessage('No problem matches that topic and difficulty; try "Any".');
      return undefined;
    }
    quickPick.items = [
      { label: `${ANY} problem`, description: `one of these ${problems.length}, picked for you`, value: null },
      ...problems.map((p) => ({
        label: p.title, description: DIFFICULTY_LABELS[p.difficulty], detail: p.topics.map((t) => TOPIC_LABELS[t]).join(', '), value: p,
      })),
    ];
    quickPick.busy = false;
    quickPick.enabled = true;
    const picked = await new Promise<Pick<ProblemSummary | null> | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
    });
    if (!picked) return undefined;
    return picked.value ?? problems[Math.floor(Math.random() * problems.length)];
  } finally {
    quickPick.dispose();
  }
}

/** The language setting is the first item, so Enter keeps it. */
export async function pickLanguage(preferred: Language): Promise<Language | undefined> {
  const ordered = [preferred, ...LANGUAGES.filter((l) => l !== preferred)];
  const items: Pick<Language>[] = ordered.map((l) => ({
    label: LANGUAGE_LABELS[l], description: l === preferred ? 'from your settings' : undefined, value: l,
  }));
  return (await vscode.window.showQuickPick(items, { title: `${TITLE} (4/4)`, placeHolder: 'Language', ignoreFocusOut: true }))?.value;
}
