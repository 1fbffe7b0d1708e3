// Shared setup of the voice suites: one backend with the real local speech engines (pocketsphinx, espeak-ng)
// and a scripted interviewer, speech clips made by flite at test time, and helpers over a VoiceClient.
import { Turn } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import type { VoiceLatency } from '../../../backend/src/voice/latency';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';
import { fliteSpeech, hasBinary } from '../../unit/providers/support/speech';
import { VoiceClient } from './voiceClient';
import { VoiceTestInterviewer } from './voiceInterviewer';

export interface VoiceRig { server: RunningServer; token: string; interviewer: VoiceTestInterviewer }

export async function startVoiceRig(): Promise<VoiceRig> {
  for (const tool of ['flite', 'espeak-ng', 'pocketsphinx_continuous']) {
    if (!hasBinary(tool)) throw new Error(`voice tests need ${tool} (scripts/test-tools.sh installs it)`);
  }
  const interviewer = new VoiceTestInterviewer();
  const server = await startTestServer({}, { interviewer });
  const { token } = await registerUser(server.url, 'voice');
  return { server, token, interviewer };
}

/** A voice session whose (short) introduction has been played, with the microphone on. */
export async function joinedAfterIntro(rig: VoiceRig): Promise<VoiceClient> {
  const client = await VoiceClient.open(rig.server.url, rig.token);
  await client.startSession({ problemSlug: 'pair-sum-indices' });
  const intro = await client.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer');
  await waitFor(() => client.playingTurn !== intro.turn.id, 10_000, 'the introduction to finish playing');
  return client;
}

export async function storedTurn(rig: VoiceRig, id: string): Promise<Turn & { latency: { voice?: VoiceLatency } }> {
  return rig.server.orm.em.fork().findOneOrFail(Turn, { id });
}

/** Clips are synthesized once per run (flite's rms voice, which the recognizer hears best). */
const clips = new Map<string, Int16Array>();
export function speech(text: string): Int16Array {
  let clip = clips.get(text);
  if (!clip) { clip = fliteSpeech(text); clips.set(text, clip); }
  return clip;
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Ends the session (which waits for the interviewer's turn and stores everything) and hangs up. */
export async function finish(client: VoiceClient): Promise<void> {
  client.stopMic();
  client.send({ type: 'session/end', requestId: 'finish' });
  await client.next('session/didEnd', (m) => m.requestId === 'finish', 20_000);
  await client.close();
}
