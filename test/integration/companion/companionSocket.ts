// /ws clients for the companion tests: the session's own connection (hello, then session/resume) and a companion
// page (companion/join). Both are TestSockets, which count the binary interviewer audio they receive.
import { PROTOCOL_VERSION } from '../../../protocol/src/limits';
import type { CompanionCredential } from '../../../protocol/src/session';
import { TestSocket } from '../../support/client';

export type AudioSocket = TestSocket;

export const AudioSocket = {
  /** The session's own connection: hello, then session/resume. */
  async session(baseUrl: string, token: string, sessionId: string): Promise<TestSocket> {
    const socket = await TestSocket.authenticated(baseUrl, token);
    socket.send({ type: 'session/resume', requestId: 'join', sessionId, lastSeq: 0 });
    await socket.next('session/didJoin');
    return socket;
  },

  /** A companion page: sends companion/join; the caller waits for companion/didJoin or an error. */
  async companion(baseUrl: string, sessionId: string, credential: CompanionCredential): Promise<TestSocket> {
    const socket = await TestSocket.open(baseUrl);
    socket.send({ type: 'companion/join', protocolVersion: PROTOCOL_VERSION, sessionId, credential });
    return socket;
  },
};
