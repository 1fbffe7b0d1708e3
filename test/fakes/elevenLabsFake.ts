// A local ElevenLabs API for tests (127.0.0.1, port 0): the HTTP streaming endpoint
// POST /v1/text-to-speech/{voice}/stream and the streaming-input WebSocket
// /v1/text-to-speech/{voice}/stream-input. Audio is a voice-like tone, 16 kHz PCM16, whose length follows
// the text. Every request is recorded (with its key), and each reply is scripted: stall, error, cut-off.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';

export interface ElevenLabsReply {
  /** Nothing for this long after the request (HTTP: after the headers; WebSocket: before any audio). */
  firstChunkDelayMs?: number;
  /** Pause between audio chunks, so a test can abort mid-sentence. */
  chunkDelayMs?: number;
  /** HTTP: this status with an ElevenLabs-shaped error body; WebSocket: an error message, then close 1008. */
  status?: number;
  /** Drop the connection after this many audio chunks (no isFinal on the WebSocket). */
  closeAfterChunks?: number;
}

export interface ElevenLabsRequest {
  transport: 'http' | 'websocket';
  voiceId: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** HTTP: the JSON body; WebSocket: every message, in order. */
  messages: Record<string, unknown>[];
  /** Audio chunks sent back. */
  chunks: number;
  /** The client hung up before the reply was complete (an abort reached the server). */
  aborted: boolean;
}

export type ElevenLabsScript = readonly ElevenLabsReply[] | ((request: ElevenLabsRequest, index: number) => ElevenLabsReply);

export interface ElevenLabsFake {
  /** Origin for the SDK's baseUrl and the WebSocket client (no /v1). */
  baseUrl: string;
  requests: ElevenLabsRequest[];
  close(): Promise<void>;
}

/** 100 ms of 16 kHz PCM16, plus one byte: chunks end mid-sample, as a network read may. */
const CHUNK_BYTES = 3201;
/** Speech-like pace: ~60 ms of audio per character. */
const MS_PER_CHAR = 60;
const PATH = /^\/v1\/text-to-speech\/([^/]+)\/(stream|stream-input)$/;
const TextMessage = z.looseObject({ text: z.string() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startElevenLabsFake(script: ElevenLabsScript = []): Promise<ElevenLabsFake> {
  const requests: ElevenLabsRequest[] = [];
  const replyFor = (request: ElevenLabsRequest): ElevenLabsReply => {
    const index = requests.push(request) - 1;
    return (typeof script === 'function' ? script(request, index) : script[index]) ?? {};
  };
  const record = (req: http.IncomingMessage, transport: ElevenLabsRequest['transport']): ElevenLabsRequest | null => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = PATH.exec(url.pathname);
    if (!match || (match[2] === 'stream') !== (transport === 'http')) return null;
    return {
      transport, voiceId: decodeURIComponent(match[1]), query: Object.fromEntries(url.searchParams), headers: req.headers,
      messages: [], chunks: 0, aborted: false,
    };
  };

  const server = http.createServer((req, res) => {
    const request = req.method === 'POST' ? record(req, 'http') : null;
    if (!request) { res.writeHead(404).end(); return; }
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => { body += d; });
    req.on('end', () => void serveHttp(request, body, replyFor(request), res));
    res.on('close', () => { if (!res.writableFinished) request.aborted = true; });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const request = record(req, 'websocket');
    if (!request) { socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'); return; }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(request, replyFor(request), ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveHttp(request: ElevenLabsRequest, body: string, reply: ElevenLabsReply, res: http.ServerResponse): Promise<void> {
  const parsed = TextMessage.safeParse(safeJson(body));
  if (parsed.success) request.messages.push(parsed.data);
  const problem = !request.headers['xi-api-key'] ? { status: 401, code: 'invalid_api_key', message: 'Invalid API key' }
    : !parsed.success ? { status: 422, code: 'invalid_body', message: 'text is required' }
      : request.query.output_format !== 'pcm_16000' ? { status: 422, code: 'unsupported_format', message: 'the fake speaks pcm_16000 only' }
        : reply.status ? { status: reply.status, code: 'fake_error', message: 'scripted failure' } : null;
  if (problem || !parsed.success) {
    res.writeHead(problem?.status ?? 422, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ detail: { status: problem?.code, message: problem?.message } }));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'audio/pcm', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  if (reply.firstChunkDelayMs) await sleep(reply.firstChunkDelayMs);
  const audio = toneFor(parsed.data.text);
  for (let at = 0; at < audio.length && !res.destroyed; at += CHUNK_BYTES) {
    if (reply.closeAfterChunks !== undefined && request.chunks >= reply.closeAfterChunks) { res.destroy(); return; }
    res.write(audio.subarray(at, at + CHUNK_BYTES));
    request.chunks++;
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  }
  res.end();
}

/** Generates audio for the text buffered so far whenever the client asks (trigger, flush, end of input). */
function serveSocket(request: ElevenLabsRequest, reply: ElevenLabsReply, ws: WebSocket): void {
  let buffered = '';
  /** The reply is complete (isFinal sent) or refused: a close after it is not the client's abort. */
  let done = false;
  let stalled = Boolean(reply.firstChunkDelayMs);
  if (stalled) setTimeout(() => { stalled = false; }, reply.firstChunkDelayMs);
  // Generation is serialized, so audio goes out in text order.
  let generating: Promise<void> = Promise.resolve();
  const speak = (text: string, final: boolean) => {
    generating = generating.then(async () => {
      while (stalled && ws.readyState === ws.OPEN) await sleep(5);
      const audio = text.trim() ? toneFor(text) : Buffer.alloc(0);
      for (let at = 0; at < audio.length && ws.readyState === ws.OPEN; at += CHUNK_BYTES) {
        if (reply.closeAfterChunks !== undefined && request.chunks >= reply.closeAfterChunks) { done = true; ws.terminate(); return; }
        ws.send(JSON.stringify({ audio: audio.subarray(at, at + CHUNK_BYTES).toString('base64'), isFinal: false, normalizedAlignment: null }));
        request.chunks++;
        if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      }
      if (final && ws.readyState === ws.OPEN) { done = true; ws.send(JSON.stringify({ isFinal: true })); ws.close(1000); }
    });
  };
  ws.on('message', (data: Buffer) => {
    const message = safeJson(data.toString('utf8'));
    const parsed = TextMessage.safeParse(message);
    if (!parsed.success) { ws.close(1003, 'expected JSON with text'); return; }
    request.messages.push(parsed.data);
    const first = request.messages.length === 1;
    const key = request.headers['xi-api-key'] ?? (first ? parsed.data.xi_api_key : undefined);
    if (first && (!key || reply.status)) {
      done = true;
      ws.send(JSON.stringify({ message: reply.status ? 'scripted failure' : 'Invalid API key', error: 'fake_error', code: 1008 }));
      ws.close(1008, 'fake error');
      return;
    }
    if (first) return; // the opening message (" " with voice settings) speaks nothing
    const text = parsed.data.text;
    if (text === '') { speak(buffered, true); buffered = ''; return; }
    buffered += text;
    if (parsed.data.flush === true || (parsed.data.try_trigger_generation === true && buffered.length >= 20)) {
      speak(buffered, false);
      buffered = '';
    }
  });
  ws.on('close', () => { if (!done) request.aborted = true; });
}

/** A voice-like tone (220 Hz with harmonics, syllable-rate envelope) as PCM16 LE bytes, ~60 ms a character. */
function toneFor(text: string): Buffer {
  const samples = Math.round((text.trim().length * MS_PER_CHAR * 16_000) / 1000);
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / 16_000;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
    const v = Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 440 * t) + 0.3 * Math.sin(2 * Math.PI * 660 * t);
    out.writeInt16LE(Math.round((6000 * envelope * v) / 1.8), i * 2);
  }
  return out;
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return null; }
}
