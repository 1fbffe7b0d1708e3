// Shared helpers of the in-host suite: the runner's config, the extension's test API, REST calls, polling.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MocktalkTestApi } from '../../extension/src/extension';
import type { InterviewNode, InterviewsTreeProvider } from '../../extension/src/views/interviewsTree';
import { EXTENSION_ID } from '../../extension/src/config';
import { RestClient } from '../../extension/src/api/restClient';
import type { TokenResponse } from '../../protocol/src/api';

export interface SuiteConfig {
  serverUrl: string;
  userSettingsFile?: string;
  /** What Chromium's fake microphone says (test/host/fakeMic.ts), once per opening of the mic. */
  fakeMicText?: string;
}

export function suiteConfig(): SuiteConfig {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as Partial<SuiteConfig>;
  if (!config.serverUrl) throw new Error('config.json has no serverUrl: run through `npm run test:extension`');
  return { serverUrl: config.serverUrl, userSettingsFile: config.userSettingsFile, fakeMicText: config.fakeMicText };
}

export async function testApi(): Promise<MocktalkTestApi> {
  const extension = vscode.extensions.getExtension<{ testing?: MocktalkTestApi }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const exports = await extension.activate();
  if (!exports.testing) throw new Error('the extension did not expose its test API (not in ExtensionMode.Test?)');
  return exports.testing;
}

export function rest(token?: string): RestClient {
  return new RestClient({ baseUrl: suiteConfig().serverUrl, token });
}

export const PASSWORD = 'correct horse battery';

/** A fresh account made over REST (not through the extension). */
export function registerViaRest(name: string): Promise<TokenResponse & { email: string }> {
  const email = `${name}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  return rest().register({ email, password: PASSWORD, displayName: name }).then((r) => ({ ...r, email }));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The session nodes of the Interviews tree, across its week groups, in display order. */
export async function treeSessions(tree: InterviewsTreeProvider): Promise<Extract<InterviewNode, { kind: 'session' }>[]> {
  const sessions: Extract<InterviewNode, { kind: 'session' }>[] = [];
  for (const week of await tree.getChildren()) {
    for (const node of await tree.getChildren(week)) if (node.kind === 'session') sessions.push(node);
  }
  return sessions;
}
