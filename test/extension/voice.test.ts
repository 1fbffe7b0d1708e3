// A voice interview in the real host: the panel's microphone is Chromium's fake device playing a WAV that flite spoke
// at run time (test/host/fakeMic.ts); the backend hears it with pocketsphinx and answers with espeak-ng.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StartedInterview } from '../../extension/src/commands/startInterview';
import { COMMANDS } from '../../extension/src/config';
import type { Interview } from '../../extension/src/interview/interview';
import type { ClientMessageOf, VoiceState } from '../../protocol/src/session';
import type { HostToWebviewMessage } from '../../protocol/src/webview';
import type { MicStatus } from '../../protocol/src/webviewAudio';
import { PASSWORD, registerViaRest, suiteConfig, testApi, waitFor } from './support';

describe('a voice interview in the real host', function () {
  this.timeout(120_000);
  const subscriptions: vscode.Disposable[] = [];
  after(async () => {
    subscriptions.forEach((s) => s.dispose());
    const { manager } = await testApi();
    if (manager.active) await vscode.commands.executeCommand(COMMANDS.endInterview);
  });

  it('hears the spoken answer as the candidate turn, plays the interviewer in the panel and reports playback to the server', async () => {
    const spoken = suiteConfig().fakeMicText;
    assert.ok(spoken, 'the runner gave no fake microphone (config.json fakeMicText)');
    const account = await registerViaRest('host-voice');
    await vscode.commands.executeCommand(COMMANDS.signIn, { email: account.email, password: PASSWORD });
    const { manager } = await testApi();

    // Record what reaches the panel from the moment the interview exists (before it connects).
    const toPanel: HostToWebviewMessage[] = [];
    const micStatuses: MicStatus[] = [];
    let interview: Interview | null = null;
    subscriptions.push(manager.onDidChangeInterview((current) => {
      if (!current || current === interview) return;
      interview = current;
      subscriptions.push(current.onPanelMessage((m) => toPanel.push(m)));
    }), manager.onMicStatus((status) => { if (status) micStatuses.push(status); }));

    const started = await vscode.commands.executeCommand<StartedInterview | undefined>(COMMANDS.startInterview,
      { problemSlug: 'pair-sum-indices', language: 'javascript', mode: 'voice' });
    assert.ok(started, 'Start Interview returned nothing (see the Mocktalk output channel)');
    assert.ok(interview, 'no interview became current');
    const current: Interview = interview;
    assert.equal(current.session?.mode, 'voice');

    const voice = await waitFor('the voice channel', () => current.voice ?? undefined);
    const playback: ClientMessageOf<'audio/playback'>[] = [];
    subscriptions.push(voice.onPlaybackReported.on((r) => playback.push(r)));
    assert.equal(voice.capture.kind, 'webview');
    assert.ok(toPanel.some((m) => m.type === 'voice/configure' && m.capture === 'webview'), 'the panel was told to open its mic');

    // The panel opened the fake mic on its own and streams it through the host.
    await waitFor('the panel mic listening', () => micStatuses.some((s) => s.state === 'listening' && s.sending), 30_000)
      .catch((err: Error) => { throw new Error(`${err.message}; mic states: ${JSON.stringify(micStatuses)}; to the panel: ${[...new Set(toPanel.map((m) => m.type))].join(', ')}`); });
    await waitFor('mic frames on the socket', () => voice.sentFrames > 50, 15_000);

    const answer = await waitFor('the spoken answer as a stored candidate turn',
      () => current.turns.find((t) => t.speaker === 'candidate'), 60_000);
    const words = spoken.split(' ').filter((w) => w.length > 4); // array, contain, negative, numbers
    const heard = words.filter((w) => answer.text.toLowerCase().includes(w));
    assert.ok(heard.length >= 2, `heard "${answer.text}" for "${spoken}"`);
    assert.equal(answer.clientMessageId !== null, true, 'the server generates an id for a spoken turn');
    assert.ok(toPanel.some((m) => m.type === 'transcript/partial' && m.text.length > 0), 'a live caption reached the panel');

    // The interviewer's voice reached the panel's player: its real playback came back and went on to the server.
    assert.ok(toPanel.some((m) => m.type === 'audio/play'), 'no interviewer audio was sent to the panel');
    const reply = await waitFor('an interviewer reply after the answer',
      () => current.turns.find((t) => t.speaker === 'interviewer' && t.seq > answer.seq), 60_000);
    await waitFor('the reply played to its end', () => playback.some((p) => p.turnId === reply.id && p.state === 'stopped'), 60_000);
    const replyPlayback = playback.filter((p) => p.turnId === reply.id);
    assert.deepEqual(replyPlayback.map((p) => p.state), ['started', 'stopped']);
    assert.ok(replyPlayback[1]!.ts > replyPlayback[0]!.ts + 500, `played for ${replyPlayback[1]!.ts - replyPlayback[0]!.ts} ms`);

    // The server hands the floor back only once told the reply stopped playing.
    const states = () => toPanel.flatMap((m) => (m.type === 'voice/didChangeState' ? [m.state] : []));
    await waitFor('listening after the reply played', () => {
      const s: VoiceState[] = states();
      return s.lastIndexOf('listening') > s.lastIndexOf('speaking') && s.includes('speaking');
    }, 15_000);

    // Hidden behind another editor in its column, the panel keeps its page, and so the mic.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.ok(tab, 'no interview panel tab');
    const other = await vscode.workspace.openTextDocument({ content: 'notes' });
    await vscode.window.showTextDocument(other, { viewColumn: tab.group.viewColumn, preview: false });
    await waitFor('the panel hidden', () => !tab.group.tabs.find((t) => t.input instanceof vscode.TabInputWebview)?.isActive);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(manager.micStatus?.state, 'listening', 'hiding the panel stopped its mic');

    // Muting from the host (the status bar's toggle) reaches the panel's mic, hidden or not.
    assert.equal(manager.toggleMute(), true);
    await waitFor('the panel mic muted', () => manager.micStatus?.state === 'muted', 10_000);
  });
});
