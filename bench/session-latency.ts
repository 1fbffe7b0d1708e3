// Benchmark: text-interview latency over real WebSockets on the real embedded PostgreSQL with the local
// interviewer. Prints percentiles of answer → first interviewer token and answer → stored reply, with
// N concurrent sessions, then the code-buffer edit rate. Run: npm run bench:session [-- sessions answers]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CodeBuffer } from '../backend/src/sessions/codeBuffer';
import { startTestServer, stopAllTestBackends } from '../test/support/backend';
import { registerUser, TestSocket } from '../test/support/client';

const [sessions = 20, answers = 10] = process.argv.slice(2).map(Number);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), p99: +percentile(s, 99).toFixed(2) };
};

async function runSession(url: string, token: string, firstToken: number[], complete: number[]): Promise<void> {
  const socket = await TestSocket.authenticated(url, token);
  socket.send({ type: 'session/start', requestId: 's', language: 'javascript' });
  await socket.next('session/didJoin');
  await socket.next('turn/didComplete', (m) => m.turn.seq === 1);
  socket.send({ type: 'code/open', documentVersion: 1, language: 'javascript', text: 'function solve(nums) {\n  return nums;\n}\n' });
  const questions = ['How large can the input get?', 'Can the array be empty?', 'I would use a hash map to count values.', 'What about negative numbers?'];
  for (let i = 0; i < answers; i++) {
    const before = socket.received.length;
    const started = performance.now();
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: questions[i % questions.length]! });
    const echo = await socket.next('turn/didComplete', (m) => m.turn.speaker === 'candidate' && socket.received.indexOf(m) >= before, 30_000);
    await socket.next('turn/delta', (m) => socket.received.indexOf(m) >= before, 30_000);
    firstToken.push(performance.now() - started);
    await socket.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer' && m.turn.seq > echo.turn.seq, 30_000);
    complete.push(performance.now() - started);
  }
  socket.send({ type: 'session/end', requestId: 'e' });
  await socket.next('session/didEnd', () => true, 30_000);
  await socket.close();
}

function editRate(): number {
  const buffer = new CodeBuffer('x'.repeat(20_000), 0, 'javascript');
  const started = performance.now();
  const n = 20_000;
  for (let v = 0; v < n; v++) buffer.apply(v, v + 1, [{ rangeOffset: 10_000, rangeLength: 1, text: 'yz' }]);
  return n / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const server = await startTestServer();
  const { token } = await registerUser(server.url, 'bench');
  const firstToken: number[] = [];
  const complete: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: sessions }, () => runSession(server.url, token, firstToken, complete)));
  const seconds = (performance.now() - started) / 1000;
  const rate = editRate();
  const result = {
    sessions, answers_per_session: answers, turns_per_second: +((sessions * answers * 2) / seconds).toFixed(1),
    first_token_ms: fmt(firstToken), reply_stored_ms: fmt(complete), buffer_edits_per_second: Math.round(rate),
  };
  console.log(`${sessions} concurrent sessions × ${answers} answers (real sockets, embedded PostgreSQL, local interviewer)`);
  console.log(`answer → first interviewer token: p50 ${result.first_token_ms.p50} ms, p95 ${result.first_token_ms.p95} ms, p99 ${result.first_token_ms.p99} ms`);
  console.log(`answer → reply stored:            p50 ${result.reply_stored_ms.p50} ms, p95 ${result.reply_stored_ms.p95} ms, p99 ${result.reply_stored_ms.p99} ms`);
  console.log(`stored turns per second: ${result.turns_per_second}; code edits applied per second (20 kB buffer): ${result.buffer_edits_per_second}`);
  console.log(JSON.stringify(result));
  await stopAllTestBackends();
}

main().catch((err) => { console.error(err); process.exit(1); });
