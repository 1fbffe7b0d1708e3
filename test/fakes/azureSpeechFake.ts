// A local Azure Speech recognition endpoint for tests (127.0.0.1, port 0), speaking the SDK's USP
// WebSocket protocol: text frames `speech.config` / `speech.context`, binary audio frames with a 2-byte
// header length, replies `turn.start`, `speech.hypothesis`, `speech.phrase`, `turn.end`. It "recognizes"
// by script: an utterance's text once enough audio has arrived, so tests are deterministic.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { parseWavHeader } from '../../backend/src/pipeline/audio';

export const AZURE_RECOGNITION_PATH = '/speech/recognition/conversation/cognitiveservices/v1';

export interface AzureUtterance {
  text: string;
  /** Audio (ms, counted from the previous final) after which the fake sends this utterance's final. */
  afterAudioMs: number;
}

export interface AzureFakeScript {
  /** Recognized in order; audio after the last one is heard as nothing. */
  utterances: readonly AzureUtterance[];
  /** A hypothesis (the words so far) every this many ms of audio. */
  partialEveryMs?: number;
  /**
   * Breaks every connection once this much audio arrived: 'close' closes the socket with 1011 (the SDK
   * reconnects, then gives up), 'error' sends a phrase with RecognitionStatus Error, 'silent' never answers.
   */
  failure?: { afterAudioMs: number; kind: 'close' | 'error' | 'silent' };
  /** Refuses the WebSocket upgrade with this HTTP status (401: a bad key). */
  rejectStatus?: number;
}

export interface AzureConnection {
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed `speech.config` body. */
  config: unknown;
  /** Every `speech.context` body, in order. */
  contexts: unknown[];
  /** Audio received, excluding the RIFF header the SDK sends first. */
  audioMs: number;
  /** The SDK sent the empty audio frame that ends the stream. */
  endOfAudio: boolean;
  closed: boolean;
}

export interface AzureSpeechFake {
  /** For SpeechConfig.fromEndpoint. */
  endpoint: string;
  connections: AzureConnection[];
  /** The phrase list of a connection, as sent in its speech.context. */
  phrasesOf(connection: AzureConnection): string[];
  close(): Promise<void>;
}

const PhraseContext = z.looseObject({
  dgi: z.looseObject({ groups: z.array(z.looseObject({ items: z.array(z.looseObject({ text: z.string() })) })) }).optional(),
});

/** 16 kHz mono PCM16: what AzureSpeechToText sends. */
const BYTES_PER_MS = 32;
const TICKS_PER_MS = 10_000;

export async function startAzureSpeechFake(script: AzureFakeScript): Promise<AzureSpeechFake> {
  const connections: AzureConnection[] = [];
  const outage = { started: false };
  const server = http.createServer((_req, res) => { res.writeHead(404).end(); });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const status = path !== AZURE_RECOGNITION_PATH ? 404 : script.rejectStatus;
    if (status) {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection: AzureConnection = {
        url: req.url ?? '', headers: req.headers, config: null, contexts: [], audioMs: 0, endOfAudio: false, closed: false,
      };
      connections.push(connection);
      serve(ws, connection, script, outage);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `ws://127.0.0.1:${port}${AZURE_RECOGNITION_PATH}`,
    connections,
    phrasesOf: (connection) => connection.contexts.flatMap((c) => {
      const parsed = PhraseContext.safeParse(c);
      return parsed.success ? (parsed.data.dgi?.groups ?? []).flatMap((g) => g.items.map((i) => i.text)) : [];
    }),
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One connection. The SDK reconnects after a dropped socket; once a 'close' failure has happened, every
 * later connection is dropped at once too, so the outage does not depend on how much audio the SDK resends.
 */
function serve(ws: WebSocket, connection: AzureConnection, script: AzureFakeScript, outage: { started: boolean }): void {
  const partialEveryMs = script.partialEveryMs ?? 200;
  let requestId = '';
  let turnStarted = false;
  let broken = false;
  let riffPending = true;
  let utterance = 0;
  let utteranceStartMs = 0;
  let partialsSent = 0;

  const send = (path: string, body: unknown) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(`X-RequestId:${requestId}\r\nPath:${path}\r\nContent-Type:application/json; charset=utf-8\r\n`
      + `X-Timestamp:${new Date().toISOString()}\r\n\r\n${JSON.stringify(body)}`);
  };
  const sinceStart = () => connection.audioMs - utteranceStartMs;
  const finalize = () => {
    const text = script.utterances[utterance].text;
    send('speech.phrase', {
      RecognitionStatus: 'Success', DisplayText: text,
      Offset: Math.round(utteranceStartMs * TICKS_PER_MS), Duration: Math.round(sinceStart() * TICKS_PER_MS),
    });
    utterance++;
    utteranceStartMs = connection.audioMs;
    partialsSent = 0;
  };

  const onAudio = (bytes: Buffer) => {
    if (riffPending) {
      riffPending = false;
      const wav = bytes.subarray(0, 4).toString('latin1') === 'RIFF' ? parseWavHeader(bytes) : null;
      if (wav) bytes = bytes.subarray(Math.min(wav.dataOffset, bytes.length));
    }
    connection.audioMs += bytes.length / BYTES_PER_MS;
    if (!turnStarted) { turnStarted = true; send('turn.start', { context: { serviceTag: 'mocktalk-fake' } }); }
    const failure = script.failure;
    if (failure && connection.audioMs >= failure.afterAudioMs) {
      if (!broken && failure.kind === 'close') { outage.started = true; ws.close(1011, 'fake failure'); }
      if (!broken && failure.kind === 'error') send('speech.phrase', { RecognitionStatus: 'Error', Offset: 0, Duration: 0 });
      broken = true;
      return;
    }
    const current = script.utterances[utterance];
    if (!current) return;
    if (sinceStart() >= current.afterAudioMs) { finalize(); return; }
    const due = Math.floor(sinceStart() / partialEveryMs);
    if (due > partialsSent) {
      partialsSent = due;
      const words = current.text.replace(/[.,!?]/g, '').toLowerCase().split(/\s+/);
      const shown = Math.max(1, Math.round((words.length * sinceStart()) / current.afterAudioMs));
      send('speech.hypothesis', {
        Text: words.slice(0, shown).join(' '),
        Offset: Math.round(utteranceStartMs * TICKS_PER_MS), Duration: Math.round(sinceStart() * TICKS_PER_MS),
      });
    }
  };

  ws.on('close', () => { connection.closed = true; });
  ws.on('message', (data: Buffer, isBinary) => {
    if (outage.started && script.failure?.kind === 'close') { ws.close(1011, 'fake failure'); return; }
    if (!isBinary) {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = parseHeaders(text.slice(0, split));
      requestId = head['x-requestid'] ?? requestId;
      const body: unknown = JSON.parse(text.slice(split + 4));
      if (head.path === 'speech.config') connection.config = body;
      if (head.path === 'speech.context') connection.contexts.push(body);
      return;
    }
    const headLength = data.readUInt16BE(0);
    const head = parseHeaders(data.subarray(2, 2 + headLength).toString('utf8'));
    requestId = head['x-requestid'] ?? requestId;
    if (head.path !== 'audio') return;
    const payload = data.subarray(2 + headLength);
    if (payload.length > 0) { onAudio(payload); return; }
    // End of the audio stream: the service finalizes speech in flight, then ends the turn.
    connection.endOfAudio = true;
    if (broken && script.failure?.kind !== 'error') return;
    if (!broken && script.utterances[utterance] && sinceStart() > 0) finalize();
    send('turn.end', {});
  });
}

/** USP headers, `Name: value` or `Name:value` per line, names lower-cased. */
function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
