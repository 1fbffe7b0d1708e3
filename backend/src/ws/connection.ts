// One client's /ws connection: authenticates with `hello`, validates every frame, and drives a LiveSession.
import type { RawData, WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../../protocol/src/errors';
import { LIMITS, PROTOCOL_VERSION } from '../../../protocol/src/limits';
import {
  CLIENT_MESSAGE_TYPES, CLOSE_CODES, ClientMessage, type ClientMessageOf, type ServerMessage,
} from '../../../protocol/src/session';
import { assertNever } from '../../../protocol/src/domain';
import { CompanionLinks } from '../companion/companionLinks';
import { InterviewSession, type User } from '../db/entities';
import { toUserView } from '../auth/authService';
import { AppError } from '../http/errors';
import { CodeBuffer } from '../sessions/codeBuffer';
import type { LiveSession } from '../sessions/liveSession';
import { toTurnView } from '../sessions/views';
import type { SessionVoice } from '../voice/contract';
import { VoiceSession } from '../voice/voiceSession';
import type { SocketDeps } from './sessionSocketServer';

class ProtocolError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly fatal = false, readonly closeCode?: number) {
    super(message);
  }
}

export class SessionConnection {
  private user: User | null = null;
  private live: LiveSession | null = null;
  private voice: VoiceSession | null = null;
  /** Joined with companion/join: this socket is a companion page, the session's audio participant only. */
  private companion = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly helloTimer: NodeJS.Timeout;
  private readonly log: Logger;
  private readonly sink = (message: ServerMessage) => this.send(message);

  constructor(private readonly ws: WebSocket, private readonly deps: SocketDeps) {
    this.log = deps.log.child({ component: 'ws' });
    this.helloTimer = setTimeout(() => this.fail(new ProtocolError('unauthenticated', 'No hello within the time limit', true, CLOSE_CODES.unauthenticated)), LIMITS.helloTimeoutMs);
    ws.on('message', (data, isBinary) => {
      // Candidate audio goes straight to the voice session: queued behind a database write, 20 ms frames
      // would pile up and barge-in would lag.
      if (isBinary && this.voice) return this.receiveAudio(this.voice, data);
      // Frames are handled one at a time, in order, so a code/change never overtakes the code/open before it.
      this.queue = this.queue.then(() => this.receive(data, isBinary)).catch((err) => this.fail(err, null));
    });
    ws.on('close', () => {
      clearTimeout(this.helloTimer);
      void this.queue.then(() => this.leaveSession());
    });
    ws.on('error', (err) => this.log.warn({ err }, 'socket error'));
  }

  /** Finishes the frames already received and the session's pending writes, then closes with 1001. */
  async shutdown(): Promise<void> {
    await this.queue;
    this.voice?.close(); // stops speaking at once: the turn is stored with what was heard
    await this.live?.drain();
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1001, 'server shutting down');
  }

  private send(message: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private fail(err: unknown, requestId: string | null = null): void {
    let error: ProtocolError;
    if (err instanceof ProtocolError) error = err;
    else if (err instanceof AppError) error = new ProtocolError(err.code, err.message);
    else {
      this.log.error({ err }, 'unexpected error handling a frame');
      error = new ProtocolError('internal', 'Something went wrong on our side; it has been logged.');
    }
    this.deps.metrics.wsErrors.inc({ code: error.code });
    this.send({ type: 'error', code: error.code, message: error.message, requestId, fatal: error.fatal });
    if (error.fatal) this.ws.close(error.closeCode ?? 1008, error.code);
  }

  private parse(data: RawData): ClientMessage {
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      throw new ProtocolError('bad_json', 'The frame is not valid JSON');
    }
    const type = typeof json === 'object' && json !== null && 'type' in json ? (json as { type: unknown }).type : undefined;
    if (typeof type !== 'string' || !(CLIENT_MESSAGE_TYPES as string[]).includes(type)) {
      throw new ProtocolError('unknown_type', `Unknown message type ${JSON.stringify(type)}; expected one of ${CLIENT_MESSAGE_TYPES.join(', ')}`);
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
      throw new ProtocolError('invalid_message', `Invalid ${type}: ${detail}`);
    }
    return parsed.data;
  }

  private async receive(data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      if (this.voice) return this.receiveAudio(this.voice, data);
      if (this.live?.info().mode === 'voice' && !this.live.ended) return; // a companion page carries the audio now
      return this.fail(this.unexpectedAudio());
    }
    let message: ClientMessage;
    try {
      message = this.parse(data);
    } catch (err) {
      return this.fail(err);
    }
    this.deps.metrics.wsMessages.inc({ type: message.type });
    const requestId = 'requestId' in message ? message.requestId : null;
    try {
      await this.dispatch(message);
    } catch (err) {
      this.fail(err, requestId);
    }
  }

  private async dispatch(message: ClientMessage): Promise<void> {
    if (this.companion) return this.companionMessage(message);
    if (message.type !== 'hello' && message.type !== 'companion/join' && !this.user) throw new ProtocolError('unauthenticated', 'Send hello with your token first');
    switch (message.type) {
      case 'hello': return this.hello(message);
      case 'companion/join': return this.joinAsCompanion(message);
      case 'session/start': return this.startSession(message);
      case 'session/resume': return this.resumeSession(message);
      case 'answer/submit': return this.answer(message);
      case 'code/open': return this.codeOpen(message);
      case 'code/change': return this.codeChange(message);
      case 'session/end': return this.endSession(message);
      case 'tests/run': return this.requireLive().requestTests('candidate', message.requestId);
      case 'tests/didRun': return this.requireLive().recordTests(message.runId, message.documentVersion, message.result);
      case 'audio/playback': return this.playbackReported(message);
      default: assertNever(message, 'client message');
    }
  }

  /** A companion page sends audio (binary) and audio/playback only; the session's connection does the rest. */
  private companionMessage(message: ClientMessage): void {
    if (message.type !== 'audio/playback') {
      throw new ProtocolError('invalid_message', `A companion page sends only audio and audio/playback, not ${message.type}`);
    }
    this.playbackReported(message);
  }

  private playbackReported(message: ClientMessageOf<'audio/playback'>): void {
    if (!this.voice && this.live?.info().mode === 'voice' && !this.live.ended) return; // a companion page carries the audio
    this.requireVoice().playbackReported(message.turnId, message.state);
  }

  /** companion/join: admitted by the link's one-time token (or the resume secret it gave), never by a user token. */
  private async joinAsCompanion(message: ClientMessageOf<'companion/join'>): Promise<void> {
    if (this.user) throw new ProtocolError('invalid_message', 'Already authenticated');
    if (message.protocolVersion !== PROTOCOL_VERSION) {
      throw new ProtocolError('protocol_version', `Protocol version ${message.protocolVersion} is not supported; this server speaks ${PROTOCOL_VERSION}`, true, CLOSE_CODES.protocolVersion);
    }
    const refused = (code: ErrorCode, text: string) => new ProtocolError(code, text, true, CLOSE_CODES.companionRefused);
    const em = this.deps.orm.em.fork();
    const session = await em.findOne(InterviewSession, { id: message.sessionId }, { populate: ['problem'] });
    if (!session) throw refused('companion_link_invalid', 'This microphone link is not valid for this interview.');
    const admission = await new CompanionLinks().admit(em, session.id, message.credential);
    if (!admission.ok) throw refused(admission.code, admission.message);
    if (session.state === 'ended') throw refused('session_ended', 'This interview has ended.');
    if (session.mode !== 'voice') throw refused('audio_not_expected', 'This is a text interview: it takes no microphone audio.');
    clearTimeout(this.helloTimer);
    this.companion = true;
    const live = await this.deps.registry.acquire(session.id);
    this.live = live;
    this.voice = new VoiceSession(live, this.audioLink, { speech: this.deps.speech, metrics: this.deps.metrics, log: this.log.child({ sessionId: live.id, companion: true }), audioSink: this.deps.turnAudio });
    live.voices.attachCompanion(this.voice, this.sink, () => this.fail(new ProtocolError(
      'companion_replaced', 'Another microphone page joined this interview and carries its audio now.', true, CLOSE_CODES.companionRefused,
    )));
    this.send({
      type: 'companion/didJoin', sessionId: live.id, problemTitle: session.problem.title,
      resumeSecret: admission.resumeSecret, resumeExpiresAt: admission.resumeExpiresAt.toISOString(),
    });
  }

  private async hello(message: ClientMessageOf<'hello'>): Promise<void> {
    if (this.user) throw new ProtocolError('invalid_message', 'Already authenticated');
    if (message.protocolVersion !== PROTOCOL_VERSION) {
      throw new ProtocolError('protocol_version', `Protocol version ${message.protocolVersion} is not supported; this server speaks ${PROTOCOL_VERSION}`, true, CLOSE_CODES.protocolVersion);
    }
    const user = await this.deps.auth.authenticate(this.deps.orm.em.fork(), message.token);
    if (!user) throw new ProtocolError('auth_failed', 'The token is unknown or expired; sign in again', true, CLOSE_CODES.unauthenticated);
    clearTimeout(this.helloTimer);
    this.user = user;
    this.send({
      type: 'welcome', protocolVersion: PROTOCOL_VERSION, user: toUserView(user),
      limits: { maxFrameBytes: LIMITS.maxFrameBytes, maxBufferChars: LIMITS.maxBufferChars, maxAnswerChars: LIMITS.maxAnswerChars },
    });
  }

  private async startSession(message: ClientMessageOf<'session/start'>): Promise<void> {
    const { type: _type, requestId, ...request } = message;
    const session = await this.deps.sessions.create(this.deps.orm.em.fork(), this.user!, request);
    const live = await this.join(session.id);
    this.send({ type: 'session/didJoin', requestId, session: live.info(), lastSeq: live.lastSeq, codeVersion: live.buffer?.version ?? null });
    live.start();
  }

  private async resumeSession(message: ClientMessageOf<'session/resume'>): Promise<void> {
    const em = this.deps.orm.em.fork();
    await this.deps.sessions.getOwned(em, this.user!, message.sessionId); // 404 for someone else's session
    const live = await this.join(message.sessionId);
    this.send({ type: 'session/didJoin', requestId: message.requestId, session: live.info(), lastSeq: live.lastSeq, codeVersion: live.buffer?.version ?? null });
    if (live.voices.source === 'companion') this.send({ type: 'voice/didChangeSource', source: 'companion', connected: true });
    for (const turn of await this.deps.sessions.turnsAfter(em, message.sessionId, message.lastSeq)) {
      this.send({ type: 'turn/didComplete', turn: toTurnView(turn), replayed: true });
    }
    if (live.ended) {
      const detail = await this.deps.sessions.detail(em, await this.deps.sessions.getOwned(em, this.user!, message.sessionId));
      if (detail.evaluation) this.send({ type: 'session/didEnd', requestId: null, evaluation: detail.evaluation });
    } else if (live.lastSeq === 0) {
      live.start(); // the instance that created it died before the introduction was stored
    }
  }

  private async join(sessionId: string): Promise<LiveSession> {
    await this.leaveSession();
    const live = await this.deps.registry.acquire(sessionId);
    live.attach(this.sink);
    this.live = live;
    // Before session/didJoin goes out and the introduction starts, so the introduction is spoken too.
    if (live.info().mode === 'voice' && !live.ended) live.voices.offerClient(this.offerVoice);
    return live;
  }

  /** This connection's own voice, on its binary frames: seated now, or again when a companion page leaves. */
  private readonly offerVoice = (): SessionVoice => {
    const live = this.live!;
    this.voice?.close();
    this.voice = new VoiceSession(live, this.audioLink, { speech: this.deps.speech, metrics: this.deps.metrics, log: this.log.child({ sessionId: live.id }), audioSink: this.deps.turnAudio });
    return this.voice;
  };

  private async leaveSession(): Promise<void> {
    const live = this.live;
    if (!live) return;
    if (this.companion) {
      if (this.voice) live.voices.detachCompanion(this.voice);
    } else {
      live.voices.withdrawClient(this.offerVoice);
    }
    this.live = null;
    this.voice?.close();
    this.voice = null;
    live.detach(this.sink);
    await this.deps.registry.release(live);
  }

  private readonly audioLink = {
    send: (message: ServerMessage) => this.send(message),
    sendAudio: (bytes: Uint8Array) => { if (this.ws.readyState === this.ws.OPEN) this.ws.send(bytes, { binary: true }); },
    bufferedAmount: () => this.ws.bufferedAmount,
    isOpen: () => this.ws.readyState === this.ws.OPEN,
  };

  private receiveAudio(voice: VoiceSession, data: RawData): void {
    this.deps.metrics.wsMessages.inc({ type: 'audio' });
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    try {
      const result = voice.audio(bytes);
      if (!result.ok && result.report) this.fail(new ProtocolError('audio_format', `Audio frame refused: ${result.message}`));
    } catch (err) {
      this.fail(err); // logged as internal; the socket and the session stay up
    }
  }

  private unexpectedAudio(): ProtocolError {
    if (this.live) return new ProtocolError('audio_not_expected', 'This session is in text mode: audio is accepted only in a voice session');
    return new ProtocolError('binary_not_supported', 'Binary frames carry voice audio: send them only in a voice session, after session/didJoin');
  }

  private requireVoice(): VoiceSession {
    this.requireLive();
    if (!this.voice) throw this.unexpectedAudio();
    return this.voice;
  }

  private requireLive(): LiveSession {
    if (!this.live) throw new ProtocolError('no_session', 'Start or resume a session first');
    if (this.live.ended) throw new ProtocolError('session_ended', 'This session has ended');
    return this.live;
  }

  private async answer(message: ClientMessageOf<'answer/submit'>): Promise<void> {
    const live = this.requireLive();
    if (message.text.length > LIMITS.maxAnswerChars) {
      throw new ProtocolError('answer_too_large', `Answers are limited to ${LIMITS.maxAnswerChars} characters (got ${message.text.length})`);
    }
    await live.answer(message.clientMessageId, message.text);
  }

  private codeOpen(message: ClientMessageOf<'code/open'>): void {
    const live = this.requireLive();
    if (CodeBuffer.tooLarge(message.text)) {
      throw new ProtocolError('buffer_too_large', `The buffer has ${message.text.length} characters; the limit is ${LIMITS.maxBufferChars}. It was not stored.`);
    }
    live.buffer = new CodeBuffer(message.text, message.documentVersion, message.language, message.cursor, message.selection, message.diagnostics);
    live.codeChanged();
  }

  private codeChange(message: ClientMessageOf<'code/change'>): void {
    const live = this.requireLive();
    const buffer = live.buffer;
    if (!buffer) {
      this.send({ type: 'code/resyncRequested', serverVersion: null, reason: 'The server holds no buffer yet; send code/open' });
      return;
    }
    const result = buffer.apply(message.fromVersion, message.toVersion, message.edits);
    if (!result.ok) {
      if (result.reason === 'too-large') throw new ProtocolError('buffer_too_large', `Edits refused: ${result.message}`);
      this.send({ type: 'code/resyncRequested', serverVersion: buffer.version, reason: result.message });
      return;
    }
    buffer.cursor = message.cursor;
    buffer.selection = message.selection;
    buffer.diagnostics = message.diagnostics;
    if (message.edits.length > 0) live.codeEdited();
  }

  private async endSession(message: ClientMessageOf<'session/end'>): Promise<void> {
    const live = this.requireLive();
    await live.end(message.requestId);
  }
}
