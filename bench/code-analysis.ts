// Benchmark: tree-sitter parse + analysis of a candidate's buffer, per language and size. Prints the one-time
// runtime/grammar load, then p50/p95 of a full analysis (fresh parse) and of the live path (the same buffer after a
// one-line edit, reparsed incrementally by a session's CodeParser). Run: npm run bench:analysis [-- rounds]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyzeCode, CodeParser, initCodeAnalysis } from '../backend/src/analysis/analyze';
import { largeBuffer } from '../test/unit/analysis/fixtures';

const [rounds = 40] = process.argv.slice(2).map(Number);
const LANGUAGES = ['javascript', 'typescript', 'python'] as const;
const SIZES = { small: 30, medium: 300, large: 5000 } as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2) };
};

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const initStarted = performance.now();
  await initCodeAnalysis();
  const initMs = +(performance.now() - initStarted).toFixed(1);
  console.log(`init (web-tree-sitter runtime + JavaScript, TypeScript, Python grammars): ${initMs} ms`);
  // Figures on a shared machine are only comparable with its load alongside
  console.log(`load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const results: Array<Record<string, unknown>> = [];
  for (const language of LANGUAGES) {
    for (const [size, lines] of Object.entries(SIZES)) {
      const text = largeBuffer(language, lines);
      const n = size === 'large' ? Math.max(5, Math.round(rounds / 4)) : rounds;
      for (let i = 0; i < 3; i++) analyzeCode(language, text); // JIT warm-up, as in a running server
      const full = Array.from({ length: n }, () => time(() => analyzeCode(language, text)));
      // The live path: each round types one character into a function in the middle of the buffer
      const parser = new CodeParser();
      const session = { parser, key: 'bench' };
      analyzeCode(language, text, session);
      const at = text.indexOf('seen', Math.floor(text.length / 2));
      const edits = Array.from({ length: n }, (_, i) => time(() => {
        analyzeCode(language, `${text.slice(0, at)}seen${i % 2 === 0 ? '_' : ''}${text.slice(at + 4)}`, session);
      }));
      parser.dispose();
      const row = { language, size, lines: text.split('\n').length - 1, kb: +(text.length / 1024).toFixed(1), full_ms: stats(full), edit_ms: stats(edits) };
      results.push(row);
      console.log(`${language.padEnd(10)} ${size.padEnd(6)} ${String(row.lines).padStart(5)} lines ${String(row.kb).padStart(6)} kB`
        + `   full p50 ${row.full_ms.p50} ms, p95 ${row.full_ms.p95} ms   after an edit p50 ${row.edit_ms.p50} ms, p95 ${row.edit_ms.p95} ms`);
    }
  }
  console.log(JSON.stringify({ init_ms: initMs, rounds, load_average: loadavg()[0], results }));
}

main().catch((err) => { console.error(err); process.exit(1); });
