// Words the recognizer should favour in this session: the problem's title and function name, and the
// identifiers in the candidate's code (a candidate says "complement" and "seen" because they typed them).

/** Keywords and builtins of the supported languages: said often, but the generic model already has them. */
const NOT_PHRASES = new Set([
  'const', 'let', 'var', 'function', 'return', 'if', 'else', 'for', 'while', 'do', 'of', 'in', 'new', 'this', 'class',
  'true', 'false', 'null', 'undefined', 'def', 'self', 'none', 'None', 'True', 'False', 'and', 'or', 'not', 'is',
  'import', 'from', 'export', 'default', 'break', 'continue', 'switch', 'case', 'typeof', 'instanceof', 'void',
  'number', 'string', 'boolean', 'any', 'unknown', 'never', 'type', 'interface', 'range', 'len', 'print', 'elif',
  'lambda', 'pass', 'try', 'catch', 'except', 'finally', 'throw', 'raise', 'with', 'as', 'yield', 'async', 'await',
]);

/** The most used identifiers of `code`, at most `max`. */
export function codeIdentifiers(code: string, max = 40): string[] {
  const counts = new Map<string, number>();
  for (const [word] of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    if (word.length < 2 || NOT_PHRASES.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max).map(([word]) => word);
}

export function sessionPhrases(problem: { title: string; functionName: string }, code: string | null): string[] {
  return [problem.title, problem.functionName, ...(code ? codeIdentifiers(code) : [])];
}
