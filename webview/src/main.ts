// Webview entry: mounts the view named by <body data-view>, says `ready`, then applies validated host messages.
import './zodJitless'; // must stay the first import
import './styles.css';
import { z } from 'zod';
import { assertNever } from '../../protocol/src/domain';
import { HostToWebviewMessage, WebviewReadyMessage } from '../../protocol/src/webview';
import { createHostBridge, type HostBridge } from './hostBridge';
import { InterviewView } from './views/interviewView';
import { ProgressView } from './views/progressView';
import { ReportView } from './views/reportView';

type MountedView =
  | { kind: 'interview'; view: InterviewView } | { kind: 'report'; view: ReportView } | { kind: 'progress'; view: ProgressView };

function dispatch(mounted: MountedView, message: HostToWebviewMessage): void {
  // Each view ignores the other's messages: the host may relay everything it gets to every panel.
  const interview = mounted.kind === 'interview' ? mounted.view : null;
  const report = mounted.kind === 'report' ? mounted.view : null;
  const progress = mounted.kind === 'progress' ? mounted.view : null;
  switch (message.type) {
    case 'interview/snapshot': return interview?.showSnapshot(message.session, message.turns, message.connection);
    case 'session/didJoin': return interview?.joinSession(message.session);
    case 'turn/didStart': return interview?.startTurn(message.turnId, message.stage);
    case 'turn/delta': return interview?.appendDelta(message.turnId, message.text);
    case 'turn/didComplete': return interview?.completeTurn(message.turn, message.replayed);
    case 'session/didChangeState': return interview?.changeState(message.state, message.stage);
    case 'session/didEnd': return interview?.end(message.evaluation);
    case 'connection/didChange': return interview?.setConnection(message.status, message.detail);
    case 'error': return interview?.showError(message);
    case 'report/show': return report?.show(message.session, message.replay);
    case 'report/didLoadAudio': return report?.provideAudio(message.turnId, message.wavBase64);
    case 'tests/didStart': return interview?.startTestRun();
    case 'tests/didComplete': return interview?.completeTestRun(message);
    case 'progress/show': return progress?.show(message.content);
    case 'code/resyncRequested': return; // the host resends the buffer; nothing to show
    case 'voice/configure': return interview?.configureVoice(message.capture, message.description);
    case 'mic/status': return interview?.hostMicStatus(message.status);
    case 'mic/command': return interview?.micCommand(message.command);
    case 'audio/play': return interview?.playAudio(message);
    case 'audio/clear': return interview?.clearAudio(message.turnId);
    case 'transcript/partial': return interview?.showCaption(message.text);
    case 'voice/didChangeState': return interview?.setVoiceState(message.state);
    case 'mic/togglePushToTalk': return interview?.togglePushToTalk();
    default: return assertNever(message, 'host message');
  }
}

function main(): void {
  const viewName = WebviewReadyMessage.shape.view.safeParse(document.body.dataset.view);
  if (!viewName.success) {
    console.error(`Mocktalk webview: unknown data-view ${JSON.stringify(document.body.dataset.view)}`);
    return;
  }
  const bridge = createHostBridge();
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  // `ready` goes out first; the host's answers arrive as later tasks, so the view below is mounted by then.
  bridge.post({ type: 'ready', view: viewName.data });

  const mounted = mount(viewName.data, root, bridge);
  mounted.view.restore(bridge.getState());

  bridge.onMessage((data) => {
    const parsed = HostToWebviewMessage.safeParse(data);
    if (!parsed.success) {
      console.warn('Mocktalk webview: ignoring invalid host message', z.prettifyError(parsed.error));
      return;
    }
    dispatch(mounted, parsed.data);
  });
}

function mount(view: z.infer<typeof WebviewReadyMessage>['view'], root: HTMLElement, bridge: HostBridge): MountedView {
  switch (view) {
    case 'interview': return { kind: 'interview', view: new InterviewView(root, bridge) };
    case 'report': return { kind: 'report', view: new ReportView(root, bridge) };
    case 'progress': return { kind: 'progress', view: new ProgressView(root, bridge) };
    default: return assertNever(view, 'view');
  }
}

main();
