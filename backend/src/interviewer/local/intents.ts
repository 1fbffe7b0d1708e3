// Reads a candidate's answer: what they ask, propose or announce. Keyword and paraphrase patterns only;
// every signal is reported, and the stage machine decides which one matters at this point of the interview.

/** What a clarifying question is about; one question may touch several. */
export const CLARIFY_TOPICS = ['size', 'empty', 'negative', 'duplicates', 'sorted', 'example', 'output'] as const;
export type ClarifyTopic = (typeof CLARIFY_TOPICS)[number];

export type Intent =
  | { kind: 'hint-request' }
  | { kind: 'clarify'; topics: ClarifyTopic[] }
  | { kind: 'approach'; techniques: string[]; complexity: string | null }
  | { kind: 'ready-to-code' }
  | { kind: 'done' }
  | { kind: 'test-talk' }
  | { kind: 'other'; question: boolean };

export interface CandidateReading {
  hint: boolean;
  /** Topics of a clarifying question; empty when the answer asks nothing specific. */
  topics: ClarifyTopic[];
  /** Phrased as a question at all (a general one when `topics` is empty). */
  question: boolean;
  techniques: string[];
  /** Big-O the candidate mentioned, normalised (e.g. 'O(n log n)'), or null. */
  complexity: string | null;
  readyToCode: boolean;
  done: boolean;
  testTalk: boolean;
  /** Asks to move on to testing ("can we test it?", "let me walk you through it"). */
  wantsToTest: boolean;
  edgeCase: boolean;
  words: number;
}

const TOPIC_PATTERNS: Record<ClarifyTopic, RegExp> = {
  size: /\b(how (big|large|long|many|much)|size|length|limits?|range|bounds?|constraints?|max(imum)?|min(imum)?|up to|scale|largest|smallest|overflow|fit in)\b/,
  empty: /\b(empty|no (elements|items|numbers|values|input)|zero[- ]length|length (of )?(0|zero)|nothing in|null)\b/,
  negative: /\b(negatives?|below zero|less than zero|minus)\b/,
  duplicates: /\b(duplicates?|duplicated|repeat(ed|s)?|same (value|number|element)s?|distinct|unique|appear (more than )?(once|twice)|equal values)\b/,
  sorted: /\b(sorted|ordered|in order|increasing|decreasing|ascending|descending)\b/,
  example: /\b(examples?|sample|for instance|show me|concrete case|sample input)\b/,
  output: /\b(what (should|do) (i|we|it|the function) return|return (type|value|format)|output format|which (order|index)|order of (the )?(indices|output|result))\b/,
};

const TECHNIQUES: ReadonlyArray<[string, RegExp]> = [
  ['hash map', /\b(hash ?maps?|hash ?tables?|dictionar(y|ies)|dicts?|maps?|lookup table|hash ?sets?|sets?)\b/],
  // 'sorted' alone is a question about the input ("is it sorted?"), not a plan.
  ['sorting', /\b(sort|sorting)\b/],
  ['two pointers', /\b(two|2) pointers?\b|\bleft and right pointers?\b/],
  ['brute force', /\b(brute[- ]?force|every pair|all pairs|nested loops?|double loop|try (all|every))\b/],
  ['binary search', /\bbinary search\b/],
  ['sliding window', /\bsliding window\b/],
  ['stack', /\bstack\b/],
  ['heap', /\b(heap|priority queue)\b/],
  ['recursion', /\b(recursion|recursive(ly)?|dfs|depth[- ]first|bfs|breadth[- ]first)\b/],
  ['dynamic programming', /\b(dynamic programming|dp|memoi[sz]e|memoi[sz]ation|tabulation)\b/],
  ['greedy', /\bgreedy\b/],
  ['prefix sums', /\bprefix sums?\b/],
  ['single pass', /\b(one|single) pass\b|\b(iterate|loop|scan|traverse|go) (over|through)\b/],
];

// Spoken complexity: what a candidate says out loud instead of writing O(...).
const SPOKEN_COMPLEXITY: ReadonlyArray<[string, RegExp]> = [
  ['O(n log n)', /\bn ?log ?n\b|\blog[- ]linear\b|\blinearithmic\b/],
  ['O(n^2)', /\bquadratic\b|\bn squared\b|\bn\^2\b/],
  ['O(n^3)', /\bcubic\b|\bn cubed\b/],
  ['O(2^n)', /\bexponential\b/],
  ['O(log n)', /\blogarithmic\b|\blog n\b/],
  ['O(n)', /\blinear\b/],
  ['O(1)', /\bconstant (time|space)\b/],
];

/** Normalises a big-O expression so answers and ProblemSpec.targetTime compare as text. */
export function normalizeComplexity(expr: string): string {
  const body = expr.toLowerCase()
    .replace(/^\s*o\s*\(/, '').replace(/\)\s*$/, '')
    .replace(/\*\*/g, '^').replace(/²/g, '^2').replace(/\s*\*\s*/g, ' ')
    .replace(/\s+/g, ' ').trim()
    .replace(/^n\s*log\s*n$/, 'n log n').replace(/^log\s*n$/, 'log n').replace(/^n\s*\^\s*2$|^n n$/, 'n^2');
  return `O(${body})`;
}

const RANKS: Readonly<Record<string, number>> = {
  'O(1)': 0, 'O(log n)': 1, 'O(n)': 2, 'O(n log n)': 3, 'O(n^2)': 4, 'O(n^3)': 5, 'O(2^n)': 6,
};

/** Order of growth of a normalised complexity, or null when it is not one of the common classes. */
export function complexityRank(complexity: string): number | null {
  return RANKS[normalizeComplexity(complexity)] ?? null;
}

export function findComplexity(text: string): string | null {
  const lower = text.toLowerCase();
  const bigO = /\bo\s*\(([^()]*(\([^()]*\))?[^()]*)\)/i.exec(text);
  if (bigO) return normalizeComplexity(`O(${bigO[1]})`);
  const bigOfN = /\b(?:big[- ]o|o) of (n log n|log n|n squared|n|1|one)\b/.exec(lower);
  if (bigOfN) return normalizeComplexity(`O(${bigOfN[1] === 'one' ? '1' : bigOfN[1].replace('n squared', 'n^2')})`);
  for (const [complexity, pattern] of SPOKEN_COMPLEXITY) if (pattern.test(lower)) return complexity;
  return null;
}

const HINT = /\b(hints?|clues?|stuck|no idea|nudge)\b|\bnot sure (how|where|what)\b|\b(don'?t|do not) know (how|where|what)\b|\bhelp me\b|\b(need|could use|can you|could you|some|any|little)\s+(some\s+|a little\s+)?help\b|^\s*help\b/;
const QUESTION_START = /^\s*(can|could|is|are|do|does|did|what|what's|how|should|will|would|may|might|am|which|when|where|any)\b/;
const READY = /\b(start|begin|get|ready to|going to|gonna|let me|i'?ll|i will|can i|should i)\s+(start\s+|begin\s+)?(cod(e|ing)|writ(e|ing)|implement(ing)?|typ(e|ing))\b|\bcode (it|this|that)( up)?\b/;
const DONE = /\b(i'?m|i am|i think i'?m|we'?re|it'?s|that'?s) (done|finished|complete)\b|\bi'?ve (finished|completed|got it working)\b|\bthat should (do it|work|be it)\b|\b(this|it) is (done|finished|complete)\b|\bi think (it|that|this) works\b|\bthat'?s it\b|^\s*(done|finished)\b/;
const TEST_TALK = /\b(test(s|ed|ing)?|walk(ing)? (you |it )?(through|thru)|trace|tracing|dry[- ]run|step(ping)? through|run (it|through)|example)\b/;
const WANTS_TO_TEST = /\b(let'?s|can we|could we|shall we|should we|ready to|want to|i'?ll|let me|can i)\s+(now\s+)?(test|run|walk|trace|dry[- ]run|step through)\b/;
const EDGE_CASE = /\b(edge|corner|empty|single|one element|negatives?|duplicates?|overflow|no (pair|solution|answer)|smallest|largest|zero)\b/;

export function readAnswer(text: string): CandidateReading {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const question = /\?/.test(lower) || QUESTION_START.test(lower);
  const topics = question ? CLARIFY_TOPICS.filter((t) => TOPIC_PATTERNS[t].test(lower)) : [];
  return {
    hint: HINT.test(lower),
    topics,
    question,
    techniques: TECHNIQUES.filter(([, p]) => p.test(lower)).map(([name]) => name),
    complexity: findComplexity(lower),
    readyToCode: READY.test(lower),
    done: DONE.test(lower),
    testTalk: TEST_TALK.test(lower),
    wantsToTest: WANTS_TO_TEST.test(lower),
    edgeCase: EDGE_CASE.test(lower),
    words: lower.split(/\s+/).filter(Boolean).length,
  };
}

/** The single most telling intent of an answer; the precedence mirrors what an interviewer answers first. */
export function classify(text: string): Intent {
  const r = readAnswer(text);
  if (r.hint) return { kind: 'hint-request' };
  if (r.done) return { kind: 'done' };
  if (r.topics.length > 0) return { kind: 'clarify', topics: r.topics };
  if (r.readyToCode) return { kind: 'ready-to-code' };
  if (r.techniques.length > 0 || r.complexity) return { kind: 'approach', techniques: r.techniques, complexity: r.complexity };
  if (r.testTalk) return { kind: 'test-talk' };
  return { kind: 'other', question: r.question };
}
