// Companion page entry (served by the backend at /companion): the candidate's browser captures the microphone and
// plays the interviewer for a voice interview whose editor cannot. Wires MicCapture and AudioPlayer to the
// companion connection and the view.
import '../zodJitless'; // must stay the first import
import '../styles.css';
import './companion.css';
import { AudioPlayer } from '../audio/player';
import { MicCapture, captureWorkletUrl } from '../audio/capture';
import { CompanionConnection } from './companionConnection';
import { forgetResumeSecret, readCompanionLink, rememberResumeSecret } from './companionLink';
import { CompanionView } from './companionView';

function main(): void {
  const mic = new MicCapture({ workletUrl: captureWorkletUrl(document) });
  const view = new CompanionView(mic);
  document.body.append(view.element);
  const start = readCompanionLink(window.location, window.history, window.sessionStorage);
  if (!start) return view.showNoLink();

  const player = new AudioPlayer();
  const connection = new CompanionConnection({
    socketUrl: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`,
    sessionId: start.sessionId,
    credential: start.credential,
    onResumeSecret: (secret) => rememberResumeSecret(window.sessionStorage, start.sessionId, secret),
  });
  // Browsers keep audio suspended until a user gesture: any click or key on the page (e.g. "Turn on microphone").
  for (const type of ['click', 'keydown'] as const) view.element.addEventListener(type, () => void player.resume(), { capture: true });

  mic.onFrame((frame) => connection.sendAudio(frame));
  connection.audio.on((frame) => player.play(frame.turnId, frame.seq, frame.samples));
  player.onPlayback((event) => connection.sendPlayback(event.turnId, event.state, event.ts));
  player.onSpeaking((speaking) => view.setSpeaking(speaking));
  connection.events.on((event) => {
    if (event.type === 'audio/clear') player.clear(event.turnId);
    view.showEvent(event);
  });
  connection.states.on((state) => {
    view.showState(state);
    if (state.kind === 'ended' || state.kind === 'refused') {
      if (state.kind === 'ended') forgetResumeSecret(window.sessionStorage, start.sessionId);
      player.clear();
      void mic.stop();
    }
  });
  window.addEventListener('pagehide', () => {
    connection.dispose();
    mic.dispose();
    player.dispose();
    view.dispose();
  });
  connection.connect();
}

main();
