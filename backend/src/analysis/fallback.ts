// For languages without a grammar here (Java, Go, C++, ...): what keywords and indentation alone can tell.
// Less than a parse, but it still lets the interviewer point at a function or a nested loop by line.
import type { LineAnalysis } from './types';

const LOOP = /^\s*(for|foreach|while|do|loop|repeat|until)\b/;
// `public int twoSum(int[] nums, int target) {`, `func twoSum(nums []int) []int {`, `fn main() {`, `def f(x):`
const KEYWORD_FUNCTION = /^\s*(?:(?:pub|async|export|static|inline)\s+)*(?:func|fn|def|function|fun|sub|proc)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/;
const TYPED_FUNCTION = /^\s*(?:[\w<>[\],:*&?]+\s+)+?([A-Za-z_]\w*)\s*\([^;]*\)\s*(?:const\s*)?(?:throws\s+[\w.,\s]+)?\{?\s*$/;
const NOT_A_FUNCTION = /^\s*(if|for|while|switch|catch|return|else|new|do|case|throw|foreach|using|lock|synchronized)\b/;

const indentOf = (line: string): number => (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;

/** Cuts `//` and `#` comments and string contents, so keywords inside them are not read as code. */
const stripLine = (line: string): string =>
  line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\/\/.*$|#(?!include|define|pragma).*$/, '');

export function lineAnalysis(language: string, text: string, reason: string): LineAnalysis {
  const functions: LineAnalysis['functions'] = [];
  const loops: LineAnalysis['loops'] = [];
  const open: number[] = []; // indentation of each enclosing loop header
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripLine(raw);
    if (line.trim() === '' || /^\s*(\*|\/\*)/.test(line)) return;
    const indent = indentOf(line);
    while (open.length > 0 && open[open.length - 1] >= indent) open.pop();
    const loop = LOOP.exec(line);
    if (loop) {
      loops.push({ keyword: loop[1], line: i + 1, depth: open.length + 1 });
      open.push(indent);
      return;
    }
    const fn = KEYWORD_FUNCTION.exec(line) ?? (NOT_A_FUNCTION.test(line) ? null : TYPED_FUNCTION.exec(line));
    if (fn) functions.push({ name: fn[1] ?? null, line: i + 1 });
  });
  return { supported: false, reason, language, functions, loops, maxLoopDepth: Math.max(0, ...loops.map((l) => l.depth)) };
}
