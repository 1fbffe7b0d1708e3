// Does what the candidate has said so far sound finished? A cheap lexical check on the transcript's tail,
// used by the turn detector to wait longer after "so", "um", "because", or a clause left hanging.
// Misjudging toward "incomplete" only costs latency; toward "complete" it cuts the candidate off, so the
// word lists lean toward waiting.

export type Completeness = 'complete' | 'incomplete' | 'thinking';

/** Words a finished thought rarely ends on: fillers, conjunctions, prepositions, articles, modals. */
const TRAILING_INCOMPLETE = new Set([
  'um', 'uh', 'uhm', 'erm', 'er', 'ah', 'like',
  'and', 'but', 'or', 'so', 'because', 'cause', 'cuz', 'since', 'then', 'if', 'when', 'whenever', 'while',
  'although', 'though', 'unless', 'until', 'whereas', 'plus', 'where', 'which', 'whether',
  'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'into', 'by', 'about', 'than', 'as', 'through',
  'without', 'between', 'over', 'under', 'after', 'before',
  'the', 'a', 'an', 'my', 'our', 'your', 'their', 'its', 'each', 'every', 'some', 'any',
  'i', 'we', "i'm", "we're", "i'd", "we'd", "i'll", "we'll", "it's", "there's", "that's",
  'would', 'could', 'should', 'will', 'might', 'must', 'gonna', 'wanna', 'going', 'trying', 'basically',
]);

/** Two-word tails that leave the sentence open even though the last word alone might not. */
const TRAILING_INCOMPLETE_PAIRS = new Set([
  'have to', 'need to', 'want to', 'going to', 'able to', 'kind of', 'sort of', 'so that', 'such that',
  'in order', 'and then', 'is that', 'which is', 'that is', 'is like', 'the same', 'more than', 'less than',
]);

/** Subordinators that open a clause whose main part usually follows ("if the array is empty ..."). */
const SUBORDINATORS = new Set([
  'if', 'when', 'whenever', 'while', 'once', 'since', 'although', 'though', 'unless', 'because', 'after', 'before',
]);

/** Words that may precede a clause-opening subordinator without taking the clause over. */
const DISCOURSE = new Set([
  'so', 'and', 'but', 'okay', 'ok', 'now', 'then', 'well', 'um', 'uh', 'right', 'yeah', 'alright', 'also', 'like',
]);

/** The candidate announced a pause ("let me think about the edge cases"): they are about to think, not done. */
const THINKING_TAIL = new RegExp(
  '(?:^|\\s)(?:hmm+|mm+|let me (?:think|see|check|consider)(?: (?:about|through|over|on) [a-z\' ]{1,40})?(?: for a (?:sec|second|moment))?'
  + '|give me a (?:sec|second|moment|minute)|hold on|one (?:sec|second|moment)|just a (?:sec|second|moment)'
  + '|let me (?:write|code|type|try) (?:this|that|it)(?: out| up| down)?|thinking)$',
);

export function normalizeWords(text: string): string[] {
  return text.toLowerCase().replace(/[’]/g, "'").replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);
}

export function classifyUtterance(text: string): Completeness {
  const trimmed = text.trim();
  const words = normalizeWords(trimmed);
  if (words.length === 0) return 'incomplete';
  const tail = words.join(' ');
  if (THINKING_TAIL.test(tail)) return 'thinking';
  // A question mark from a punctuating recognizer is a strong "done": the candidate asked something.
  if (trimmed.endsWith('?')) return 'complete';
  const last = words[words.length - 1];
  if (TRAILING_INCOMPLETE.has(last)) return 'incomplete';
  if (words.length >= 2 && TRAILING_INCOMPLETE_PAIRS.has(`${words[words.length - 2]} ${last}`)) return 'incomplete';
  if (hangingClause(words)) return 'incomplete';
  return 'complete';
}

/** Words that open a question addressed to the interviewer ("can the array be empty", "should I return …"). */
const QUESTION_OPENERS = new Set([
  'can', 'could', 'is', 'are', 'am', 'was', 'were', 'do', 'does', 'did', 'should', 'would', 'will', 'shall', 'may',
  'have', 'has', 'what', 'how', 'why', 'where', 'which', 'who',
]);

/**
 * A complete question hands the floor to the interviewer (it asks for an answer), so its end of turn
 * needs less silence than a statement, after which candidates often go on ("…. And the space is constant").
 */
export function isQuestion(text: string): boolean {
  if (classifyUtterance(text) !== 'complete') return false;
  if (text.trim().endsWith('?')) return true;
  const words = normalizeWords(text);
  let i = 0;
  while (i < words.length - 1 && DISCOURSE.has(words[i])) i++;
  return words.length - i >= 3 && QUESTION_OPENERS.has(words[i]);
}

/** "… so if the array is empty": a clause-opening subordinator followed by only a few words. */
function hangingClause(words: string[]): boolean {
  for (let i = words.length - 2; i >= Math.max(0, words.length - 6); i--) {
    if (!SUBORDINATORS.has(words[i])) continue;
    if (words[i - 1] === 'what') return false; // "what if the input is empty" is a whole question
    const opensClause = i === 0 || DISCOURSE.has(words[i - 1]);
    const after = words.slice(i + 1);
    return opensClause && after.length <= 5 && !after.includes('then');
  }
  return false;
}
