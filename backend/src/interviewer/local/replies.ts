// What the local interviewer says. Variants are picked by a caller-supplied seed (usually the turn count),
// so a scripted interview always gets the same words and tests stay stable.
import { assertNever, type ProblemSpec, type Stage, type Topic } from '../../../../protocol/src/domain';
import { quoteText, type Finding } from './codeInsight';
import type { TestRunSummary } from '../interviewer';
import type { ClarifyTopic } from './intents';

export const pick = (variants: readonly string[], seed: number): string => variants[Math.abs(seed) % variants.length];

const plain = (markdown: string): string => markdown.replace(/\*\*|__/g, '').replace(/(^|\W)[*_](\S[^*_]*?)[*_](?=\W|$)/g, '$1$2').trim();
const sentences = (text: string): string[] => plain(text).split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
const code = (text: string): string => `\`${text}\``;

/** First paragraph of the statement, cut to two sentences when it runs long. */
export function paraphrase(statement: string): string {
  const first = plain(statement.split(/\n\s*\n/)[0] ?? statement);
  return first.length <= 320 ? first : sentences(first).slice(0, 2).join(' ');
}

/** Upper bound on the input size, e.g. '10^4' from '2 <= nums.length <= 10^4'. */
export function sizeBound(problem: ProblemSpec): string | null {
  const line = problem.constraints.find((c) => /length|number of|\bn\b/.test(c) && /<=\s*[\d^* ]+$/.test(c));
  return line ? (/<=\s*([\d^* ]+)$/.exec(line)?.[1].trim() ?? null) : null;
}

const LENGTH = /length|number of|^\s*-?\d+\s*<=\s*n\b/;
const VALUES = /\[\w+\]|\bval(ue)?s?\b|target/;
const lowerBound = (constraint: string): number | null => {
  const m = /^\s*(-?\d+)\s*<=?/.exec(constraint);
  return m ? Number(m[1]) : /^\s*-/.test(constraint) ? -1 : null;
};

/** A constraint as code, a statement sentence in quotes, either without trailing punctuation. */
const fact = (problem: ProblemSpec, text: string): string =>
  (problem.constraints.includes(text) ? code(text) : `"${text.replace(/[.!?]+$/, '')}"`);

/** Constraint lines or statement sentences that settle a topic, quoted verbatim. */
function statedFacts(problem: ProblemSpec, pattern: RegExp): string[] {
  return [...problem.constraints, ...sentences(problem.statement)].filter((s) => pattern.test(s.toLowerCase()));
}

function answerTopic(problem: ProblemSpec, topic: ClarifyTopic, question: string, seed: number): string {
  const bounds = problem.constraints.filter((c) => /<=|<|>=/.test(c));
  switch (topic) {
    case 'size': {
      const aboutValues = /\b(values?|numbers?|elements? be|big are|large are|integers?|overflow)\b/.test(question);
      const ranked = [...bounds].sort((a, b) => Number(VALUES.test(b) === aboutValues) - Number(VALUES.test(a) === aboutValues));
      if (ranked.length === 0) return 'There are no explicit limits beyond the statement — assume the input fits comfortably in memory.';
      return `Good question. The constraints say ${ranked.slice(0, 2).map(code).join(' and ')}.`;
    }
    case 'empty': {
      const length = bounds.find((c) => LENGTH.test(c));
      const low = length ? lowerBound(length) : null;
      if (length && low !== null && low > 0) return `No — ${code(length)}, so you'll always have at least ${low}.`;
      if (length && low === 0) return `Yes, it can — ${code(length)} — so make sure the empty case behaves.`;
      const stated = statedFacts(problem, /\bempty\b/)[0];
      if (stated) return `The statement covers that: ${fact(problem, stated)}.`;
      return "The problem doesn't say, so assume there's at least one element — just say that assumption out loud.";
    }
    case 'negative': {
      const values = bounds.find((c) => VALUES.test(c) && !LENGTH.test(c) && lowerBound(c) !== null);
      const low = values ? lowerBound(values) : null;
      if (values && low !== null && low < 0) return `Yes, negatives are allowed: ${code(values)}.`;
      if (values && low !== null) return `No — ${code(values)}, so everything is non-negative.`;
      const stated = statedFacts(problem, /negative/)[0];
      if (stated) return `The statement says ${fact(problem, stated)}.`;
      return "It doesn't say, so assume they can be — it's the safer assumption. Just state it as you go.";
    }
    case 'duplicates': {
      const stated = statedFacts(problem, /\b(distinct|unique|duplicates?|equal values|same value)\b/);
      // A second fact only when both stay short enough to say in one breath.
      const quoted = stated.length > 1 && stated[0].length + stated[1].length <= 200 ? stated.slice(0, 2) : stated.slice(0, 1);
      if (quoted.length > 0) return `That's covered: ${quoted.map((s) => fact(problem, s)).join(' and ')}.`;
      return "Nothing rules them out, so assume duplicates can show up — say that assumption out loud and handle it.";
    }
    case 'sorted': {
      const stated = statedFacts(problem, /\b(sorted|increasing|decreasing|ascending|descending|non-decreasing)\b/)[0];
      // A constraint settles it; a statement sentence may only mention order in passing, so just quote it.
      if (stated) return problem.constraints.includes(stated) ? `Yes — ${fact(problem, stated)}.` : `Here's what the statement says: ${fact(problem, stated)}.`;
      return "Nothing says it's sorted, so assume it isn't. If your approach needs order, you'd have to pay for it.";
    }
    case 'example': {
      const ex = problem.examples[seed % problem.examples.length];
      return `Sure — for ${code(ex.input)} the answer is ${code(ex.output)}.${ex.explanation ? ` ${plain(ex.explanation)}` : ''}`;
    }
    case 'output': {
      const stated = statedFacts(problem, /\boutput\b/)[0] ?? statedFacts(problem, /\breturns?\b/)[0];
      return stated ? `From the statement: ${fact(problem, stated)}.` : 'Return whatever the function signature suggests — tell me your choice and we go with it.';
    }
    default: return assertNever(topic, 'clarify topic');
  }
}

export function answerClarifying(problem: ProblemSpec, topics: readonly ClarifyTopic[], question: string, seed: number): string {
  return topics.map((t) => answerTopic(problem, t, question.toLowerCase(), seed)).join(' ');
}

export const generalQuestion = (seed: number): string => pick([
  "Good question. The statement doesn't pin that down, so make a reasonable assumption, say it out loud, and we'll go with it.",
  "I'll leave that one to you — pick whatever's reasonable and state the assumption.",
], seed);

export function introduction(problem: ProblemSpec): string {
  const count = problem.examples.length;
  const examples = count === 1 ? 'There is an example' : `There are ${count === 2 ? 'a couple of' : 'a few'} examples`;
  return [
    `Hi, thanks for joining — I'll be your interviewer today. We'll work through one problem together: ${problem.title}.`,
    paraphrase(problem.statement),
    `${examples} in the problem description worth a look.`,
    'Take a minute to read it, and ask me any clarifying questions before you dive in.',
  ].join(' ');
}

export const welcomeBack = (stage: Stage): string =>
  `Welcome back — we were in the ${stage === 'wrap-up' ? 'wrap-up' : `${stage} part`} of the interview, so let's pick up where we left off.`;

export const moreQuestions = (seed: number): string => pick([
  'Anything else, or do you want to talk me through an approach?',
  'Any other questions? Otherwise, how would you go about it?',
  "What else would you like to know? When you're ready, walk me through how you'd solve it.",
], seed);

export const invitePlan = (seed: number): string => pick([
  "Whenever you're ready, tell me how you'd approach it — even a brute force is a fine place to start.",
  'How would you go about it? Thinking out loud is totally fine.',
], seed);

export const planBeforeCoding = 'Before you start typing — give me the idea in a sentence or two, and roughly what it would cost.';

// How a technique reads inside a sentence ("Sorting plus two pointers — sounds reasonable").
const TECHNIQUE_PHRASES: Readonly<Record<string, string>> = {
  'hash map': 'a hash map', sorting: 'sorting', 'two pointers': 'two pointers', 'brute force': 'brute force',
  'binary search': 'binary search', 'sliding window': 'a sliding window', stack: 'a stack', heap: 'a heap',
  recursion: 'recursion', 'dynamic programming': 'dynamic programming', greedy: 'a greedy pass', 'prefix sums': 'prefix sums',
};

export const askComplexity = (techniques: readonly string[], seed: number): string => {
  const named = techniques.filter((t) => TECHNIQUE_PHRASES[t]).map((t) => TECHNIQUE_PHRASES[t]).slice(0, 2).join(' plus ');
  const lead = named ? `${named[0].toUpperCase()}${named.slice(1)} — sounds` : 'Sounds';
  return pick([
    `${lead} reasonable. What's the time complexity, and how much extra space?`,
    `Okay, I like where that's going. What would that cost in time and space?`,
  ], seed);
};

export const goCode = (seed: number): string => pick([
  'Go ahead and code it up; talk me through it as you go.',
  "Great, let's see it in code — keep talking me through it while you write.",
], seed);

/** `better` is null when the complexity cannot be compared with the target; then just take note of it. */
export function judgeComplexity(said: string, better: boolean | null): string {
  if (better === null) return `${said} — okay, noted.`;
  return better ? `Nice — ${said} is what I'd hope for here.` : `${said} would work. Do you think we can do better than that?`;
}

export const goWithIt = 'Fair enough — a working solution beats a perfect plan. Let\'s go with it.';

export const acknowledge = (seed: number): string => pick([
  'Mm-hm, keep going.', "Got it — I'm following.", 'Okay, makes sense. Carry on.', 'Sure, go on.',
], seed);

export function hint(problem: ProblemSpec, given: number): string {
  if (given >= problem.hints.length) {
    return "I've given you all the hints I have. Try running a tiny example by hand — what do you notice?";
  }
  const text = plain(problem.hints[given]);
  const lead = given === 0 ? "Sure, here's a nudge:" : given === problem.hints.length - 1 ? "Here's my last hint:" : "Here's another hint:";
  return `${lead} ${text}`;
}

export function codeRemark(finding: Finding, bound: string | null): string {
  const { code: q, cut } = quoteText(finding);
  const at = `On line ${finding.line}, ${code(q)}${cut ? '…' : ''}`;
  switch (finding.kind) {
    case 'error': return `Small thing — your editor is flagging line ${finding.line}, ${code(q)}: ${(finding.detail ?? 'an error').replace(/[.\s]+$/, '')}. Worth a look when you get a moment.`;
    case 'nested-loop': return `${at} — that's a loop inside another loop. What does that cost ${bound ? `with up to ${bound} elements` : 'as the input grows'}?`;
    case 'hidden-scan': return `${at} — that scans the whole collection on every pass of the loop. What does that do to your overall cost?`;
    case 'recursion': return `${at} — that calls ${code(finding.detail ?? 'the function')} again. What's your base case, and how deep can it go?`;
    case 'map': return `${at} — what are you keeping in it, and what does each key map to?`;
    case 'set': return `${at} — what goes into that set, and when do you check it?`;
    case 'sort': return `${at} — you're sorting. What does that buy you, and what does it cost?`;
    case 'loop': return `${at} — what's true every time you get to the top of that loop?`;
    case 'return': return `${at} — when does that line run, and what happens if it never does?`;
    case 'function':
    case 'line': return `${at} — talk me through what that's doing.`;
    default: return assertNever(finding.kind, 'finding kind');
  }
}

export function codeStarted(signature: Finding | null, jumpedIn: boolean): string {
  const sig = signature ? ` — ${code(quoteText(signature).code)} on line ${signature.line}` : '';
  return jumpedIn ? `I see you've jumped into the code${sig}. That's fine — talk me through the plan as you go.` : `I see you've started${sig}.`;
}

export const codeMoved = (added: number, removed: number, seed: number): string =>
  removed > added ? "I see you've reworked a chunk of it." : pick(['Nice, that\'s taking shape.', "Looks like you've added a fair bit."], seed);

export const whatChanged = 'Talk me through what changed?';

export const codeCleared = "Looks like you've cleared it out — starting over with a different idea?";

export function startTesting(problem: ProblemSpec, hasCode: boolean): string {
  if (!hasCode) return "I don't see any code in the editor yet — is it in the file you have open?";
  return `Great, let's test it. Walk me through your code with ${code(problem.examples[0].input)} — what happens step by step?`;
}

export function askEdgeCase(problem: ProblemSpec): string {
  const second = problem.examples[1];
  const smallest = problem.constraints.find((c) => LENGTH.test(c) && lowerBound(c) !== null);
  const options = [
    second ? `what does it do with ${code(second.input)}` : null,
    smallest ? `the smallest input the constraints allow (${code(smallest)})` : 'the smallest possible input',
  ].filter(Boolean);
  return `Nice. Now an edge case: ${options.join(', or ')}?`;
}

export const askFinalComplexity = 'Last question: what are the final time and space complexities of your solution, and do you think that is optimal?';

export function closing(problem: ProblemSpec, said: string | null, better: boolean | null): string {
  const target = `${problem.targetTime} time and ${problem.targetSpace} space`;
  const verdict = said === null || better === null ? `For reference, this one can be done in ${target}.`
    : better ? `Agreed — ${target} is what I was looking for.`
      : `For reference, the target here is ${target} — worth revisiting how you'd get there.`;
  return `${verdict} That's all from me — thanks, I enjoyed that. You'll see your feedback in a moment.`;
}

export const NUDGES: Readonly<Record<Stage, string>> = {
  intro: "Let's keep moving — how would you approach it?",
  clarify: "Let's keep moving — how would you approach it?",
  approach: "In the interest of time, let's go with what you have and get it into code — talk me through it as you go.",
  code: "We're getting tight on time, so let's pause coding and test what you have.",
  test: "Let's leave testing there. Last question: what are the time and space complexities of your solution?",
  'wrap-up': "We're out of time, so let's stop here.",
};

/** The tests ran on the candidate's machine: report the first failing case concretely, or the pass. */
export function testResults(run: TestRunSummary, problem: ProblemSpec): string {
  const total = run.passed + run.failed;
  if (run.missing) return `I couldn't run your code on your machine: ${run.missing} Let's trace it by hand instead — take the first example.`;
  if (total === 0) return 'The test run came back empty — is the function still called ' + code(problem.functionName) + '?';
  if (run.failed === 0) return `I ran your code against ${total} hidden test${total === 1 ? '' : 's'} and all of them pass. Nice.`;
  const f = run.firstFailure;
  const lead = `I ran your code against ${total} hidden tests: ${run.passed} pass and ${run.failed} fail.`;
  if (!f) return `${lead} Which cases do you think could break it?`;
  const input = clip(f.input);
  switch (f.verdict) {
    case 'fail': return `${lead} For the input ${code(input)} it returns ${code(clip(f.actual ?? 'nothing'))}, but the expected answer is ${code(clip(f.expected))}. Can you trace through that case?`;
    case 'timeout': return `${lead} On the input ${code(input)} it ran out of time — where could it loop forever or do too much work?`;
    case 'memory-limit': return `${lead} On the input ${code(input)} it ran out of memory — what is growing without bound?`;
    case 'output-limit': return `${lead} On the input ${code(input)} it printed too much output — maybe a debug print inside a loop?`;
    case 'error': return `${lead} On the input ${code(input)} it crashed: ${clip(f.error ?? 'an error')}. What happens on that line?`;
    case 'pass': return lead;
  }
}

/** Long silence with no typing: offer the next hint, or an opening to talk. */
export function idleNudge(problem: ProblemSpec, given: number): string {
  if (given >= problem.hints.length) return "You've gone quiet — no rush. Tell me where you're stuck and we'll work it out together.";
  const lead = given === 0 ? "You've been quiet for a bit, so here's a small nudge:" : "Still thinking? Here's another hint:";
  return `${lead} ${plain(problem.hints[given])}`;
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** A harder variant for a candidate who solved the problem cleanly, by the problem's main topic. */
const FOLLOW_UPS: Readonly<Record<Topic, string>> = {
  'arrays-hashing': 'what if the input were a stream too large to keep in memory — what could you still answer, and with how much space?',
  'two-pointers': 'what if the input were not sorted and you could not sort it — what would you change, and what would it cost?',
  'sliding-window': 'what if the window condition had to hold for k different constraints at once?',
  stack: 'what if the input arrived one element at a time and you had to answer after each one?',
  'binary-search': 'what if the data were split across many sorted arrays — could you still search it in logarithmic time?',
  'linked-lists': 'how would you do it in one pass with O(1) extra space, if you are not already?',
  trees: 'what if the tree were too deep for the call stack — how would you do it iteratively?',
  graphs: 'what if edges were added while you were answering queries — how would you keep answers up to date?',
  heaps: 'what if k were close to n — is a heap still the right tool, or is there something faster on average?',
  intervals: 'what if the intervals arrived one at a time and you had to keep the merged set up to date?',
  'dynamic-programming': 'can you cut the memory down to O(1) or to one row of the table?',
  strings: 'what if the text were Unicode with combining characters — what breaks in your solution?',
};

export function harderFollowUp(problem: ProblemSpec): string {
  const topic = problem.topics[0];
  return `That's a strong solution. Let's push a bit further: ${topic ? FOLLOW_UPS[topic] : FOLLOW_UPS['arrays-hashing']}`;
}

/** More scaffolding after a struggle: shrink the failing case and walk it together. */
export function scaffold(run: TestRunSummary): string {
  const input = run.firstFailure ? ` Take the failing input ${code(clip(run.firstFailure.input))} and shrink it to the smallest version that still breaks.` : '';
  return `Let's slow down and do this together.${input} Tell me what your code does on it, line by line.`;
}
