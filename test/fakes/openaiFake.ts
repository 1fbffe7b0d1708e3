// A local OpenAI-compatible server for tests (127.0.0.1, port 0): POST /v1/chat/completions, streamed as SSE
// chunks in the real format (tool calls split into fragments across chunks) or as one JSON body. Every
// request is recorded, and each reply is scripted: words, tool calls, a stall, an HTTP error, broken JSON.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export interface FakeToolCall {
  name: string;
  /** An object is sent as its JSON; a string is sent as is (so tests can send broken arguments). */
  arguments: string | Record<string, unknown>;
}

export interface FakeReply {
  /** Streamed word by word; the message content of a non-streaming reply. */
  text?: string;
  toolCalls?: FakeToolCall[];
  /** Stall: the response headers go out, then nothing for this long. */
  firstChunkDelayMs?: number;
  /** Pause between streamed chunks, so a test can abort mid-reply. */
  chunkDelayMs?: number;
  /** An HTTP error with an OpenAI-shaped error body instead of a reply. */
  status?: number;
  /** A chunk (or, non-streaming, a body) that is not JSON. */
  malformed?: boolean;
}

const ChatRequest = z.looseObject({
  model: z.string(),
  stream: z.boolean().optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.string().nullable().optional() })),
  tools: z.array(z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) })).optional(),
  response_format: z.unknown().optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: ChatRequest;
  /** True when the client hung up before the reply was complete (an abort reached the server). */
  aborted: boolean;
}

export type FakeScript = readonly FakeReply[] | ((request: RecordedRequest, index: number) => FakeReply);

export interface OpenAiFake {
  /** Base URL for the SDK, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Every message of a request joined: what the model was told. */
  promptOf(index: number): string;
  close(): Promise<void>;
}

const chunkOf = (delta: Record<string, unknown>, finish: string | null = null): string =>
  `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

const argumentsText = (call: FakeToolCall): string => (typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments));

/** The chunks of a streamed reply: words, then each tool call as a head plus argument fragments of 8 characters. */
function streamChunks(reply: FakeReply): string[] {
  const chunks = [chunkOf({ role: 'assistant', content: '' })];
  for (const word of reply.text?.match(/\s*\S+\s*/g) ?? []) chunks.push(chunkOf({ content: word }));
  (reply.toolCalls ?? []).forEach((call, index) => {
    chunks.push(chunkOf({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] }));
    const args = argumentsText(call);
    for (let at = 0; at < args.length; at += 8) chunks.push(chunkOf({ tool_calls: [{ index, function: { arguments: args.slice(at, at + 8) } }] }));
  });
  if (reply.malformed) chunks.push('data: {"choices": [{"delta": {"content": "oops\n\n');
  chunks.push(chunkOf({}, reply.toolCalls?.length ? 'tool_calls' : 'stop'), 'data: [DONE]\n\n');
  return chunks;
}

function completionBody(reply: FakeReply): string {
  if (reply.malformed) return '{"id": "chatcmpl-fake", "choices": [';
  const toolCalls = reply.toolCalls?.map((call, i) => ({ id: `call_${i}`, type: 'function', function: { name: call.name, arguments: argumentsText(call) } }));
  return JSON.stringify({
    id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content: reply.text ?? null, refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls ? 'tool_calls' : 'stop', logprobs: null }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  });
}

/** Waits, but gives up as soon as the client hangs up, so an aborted stall does not keep the server busy. */
const pause = (ms: number, res: http.ServerResponse): Promise<void> => new Promise((resolve) => {
  if (ms <= 0 || res.destroyed) { resolve(); return; }
  const timer = setTimeout(done, ms);
  res.once('close', done);
  function done(): void { clearTimeout(timer); res.off('close', done); resolve(); }
});

async function serve(reply: FakeReply, record: RecordedRequest, res: http.ServerResponse): Promise<void> {
  if (reply.status) {
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `fake error ${reply.status}`, type: 'server_error', param: null, code: null } }));
    return;
  }
  if (!record.body.stream) {
    await pause(reply.firstChunkDelayMs ?? 0, res);
    if (!res.destroyed) res.writeHead(200, { 'Content-Type': 'application/json' }).end(completionBody(reply));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  await pause(reply.firstChunkDelayMs ?? 0, res);
  for (const chunk of streamChunks(reply)) {
    if (res.destroyed) return;
    res.write(chunk);
    await pause(reply.chunkDelayMs ?? 0, res);
  }
  res.end();
}

export async function startOpenAiFake(options: { script: FakeScript }): Promise<OpenAiFake> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => { text += part; });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') { res.writeHead(404).end(); return; }
      const body = ChatRequest.safeParse(JSON.parse(text));
      if (!body.success) { res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: body.error.message } })); return; }
      const record: RecordedRequest = { method: req.method, path: req.url, headers: req.headers, body: body.data, aborted: false };
      const index = requests.push(record) - 1;
      res.once('close', () => { if (!res.writableFinished) record.aborted = true; });
      const { script } = options;
      // A request beyond a scripted list gets a 500, so an unexpected call cannot pass unnoticed.
      const reply = typeof script === 'function' ? script(record, index) : script[index] ?? { status: 500 };
      void serve(reply, record, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    promptOf: (index) => (requests[index]?.body.messages ?? []).map((m) => m.content ?? '').join('\n\n'),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
