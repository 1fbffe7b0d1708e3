// A small trigram language model of interview speech plus the session's own phrases (problem title,
// identifiers from the code), written as ARPA text for pocketsphinx. A generic English model spreads its
// probability over 100k words; this one puts it on the few hundred a candidate actually says, which is
// the lever FINDINGS names for local recognition accuracy.
import { INTERVIEW_CORPUS } from './interviewCorpus';
import { dictionaryText, type PronouncingDictionary } from './pronunciation';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** How a number is said ("42" → "forty two"); digit by digit past 999. */
export function numberWords(digits: string): string {
  const n = Number(digits);
  if (n < 20) return ONES[n];
  if (n < 100) return [TENS[Math.floor(n / 10)], n % 10 ? ONES[n % 10] : ''].join(' ').trim();
  if (n < 1000) return [ONES[Math.floor(n / 100)], 'hundred', n % 100 ? numberWords(String(n % 100)) : ''].join(' ').trim();
  return [...digits].map((d) => ONES[Number(d)]).join(' ');
}

/**
 * Text as a candidate would say it: "O(n log n)" → "o of n log n", "twoSum" → "two sum",
 * "max_len" → "max len", "nums.length" → "nums length", "3" → "three".
 */
export function spokenWords(text: string): string[] {
  return text
    .replace(/\bO\(([^)]*)\)/g, ' o of $1 ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/\d+/g, (d) => ` ${numberWords(d)} `)
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

export interface DomainModel {
  /** ARPA text of the trigram model. */
  arpa: string;
  /** Sphinx dictionary with exactly the model's words. */
  dictionary: string;
  vocabulary: string[];
  /** Words left out because no pronunciation could be made for them. */
  unpronounceable: string[];
}

export interface DomainModelOptions {
  /** The session's phrases: problem title and terms, identifiers from the code. */
  phrases?: readonly string[];
  /** Times each phrase is counted: the session's own words matter more than generic ones. */
  phraseWeight?: number;
  corpus?: readonly string[];
}

export function buildDomainModel(pronouncer: PronouncingDictionary, options: DomainModelOptions = {}): DomainModel {
  const weight = options.phraseWeight ?? 3;
  const texts = [...(options.corpus ?? INTERVIEW_CORPUS)];
  for (const phrase of options.phrases ?? []) for (let i = 0; i < weight; i++) texts.push(phrase);
  const unpronounceable = new Set<string>();
  const sentences = texts.map((t) => spokenWords(t).filter((w) => {
    if (pronouncer.pronounce(w).length > 0) return true;
    unpronounceable.add(w);
    return false;
  })).filter((s) => s.length > 0);
  const vocabulary = [...new Set(sentences.flat())].sort();
  return {
    arpa: buildArpa(sentences),
    dictionary: dictionaryText(vocabulary, pronouncer),
    vocabulary,
    unpronounceable: [...unpronounceable].sort(),
  };
}

/** Absolute discount taken from every seen n-gram and given to the lower order. */
const DISCOUNT = 0.5;

/**
 * Trigram backoff model with absolute discounting, in ARPA form. Unigrams are add-one smoothed;
 * each history's back-off weight is the discounted mass renormalised over the words it has not seen.
 */
export function buildArpa(sentences: readonly (readonly string[])[]): string {
  const counts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const historyTotals = [new Map<string, number>(), new Map<string, number>()];
  for (const s of sentences) {
    const tokens = ['<s>', ...s, '</s>'];
    for (let i = 0; i < tokens.length; i++) {
      for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
        const gram = tokens.slice(i, i + n);
        if (n === 1 && gram[0] === '<s>') continue;
        bump(counts[n - 1], gram.join(' '));
        if (n > 1) bump(historyTotals[n - 2], gram.slice(0, -1).join(' '));
      }
    }
  }
  const [c1, c2, c3] = counts;
  const total = [...c1.values()].reduce((a, b) => a + b, 0);
  const vocab = c1.size;
  const p1 = new Map<string, number>();
  for (const [w, c] of c1) p1.set(w, (c + 1) / (total + vocab));

  const explicit = (c: Map<string, number>, totals: Map<string, number>) => {
    const p = new Map<string, number>();
    for (const [gram, n] of c) p.set(gram, (n - DISCOUNT) / totals.get(gram.slice(0, gram.lastIndexOf(' ')))!);
    return p;
  };
  const p2 = explicit(c2, historyTotals[0]);
  const p3 = explicit(c3, historyTotals[1]);
  const bow1 = backoffWeights(p2, (w) => p1.get(w) ?? 0);
  const bigram = (h: string, w: string) => p2.get(`${h} ${w}`) ?? (bow1.get(h) ?? 1) * (p1.get(w) ?? 0);
  const bow2 = backoffWeights(p3, (w, h) => bigram(h.slice(h.indexOf(' ') + 1), w));

  const log = (x: number) => Math.log10(x).toFixed(4);
  const lines = ['\\data\\', `ngram 1=${c1.size + 1}`, `ngram 2=${c2.size}`, `ngram 3=${c3.size}`, '', '\\1-grams:'];
  lines.push(`-99.0000 <s> ${log(bow1.get('<s>') ?? 1)}`);
  for (const [w, p] of p1) lines.push(`${log(p)} ${w}${w === '</s>' ? '' : ` ${log(bow1.get(w) ?? 1)}`}`);
  lines.push('', '\\2-grams:');
  for (const [g, p] of p2) lines.push(`${log(p)} ${g}${g.endsWith('</s>') ? '' : ` ${log(bow2.get(g) ?? 1)}`}`);
  lines.push('', '\\3-grams:');
  for (const [g, p] of p3) lines.push(`${log(p)} ${g}`);
  lines.push('', '\\end\\', '');
  return lines.join('\n');
}

/** bow(h) = (1 − Σ p(w|h) over seen w) / (1 − Σ lower(w|h) over the same w). */
function backoffWeights(higher: Map<string, number>, lower: (w: string, history: string) => number): Map<string, number> {
  const seen = new Map<string, { p: number; lower: number }>();
  for (const [gram, p] of higher) {
    const cut = gram.lastIndexOf(' ');
    const h = gram.slice(0, cut);
    const s = seen.get(h) ?? { p: 0, lower: 0 };
    s.p += p;
    s.lower += lower(gram.slice(cut + 1), h);
    seen.set(h, s);
  }
  const bow = new Map<string, number>();
  for (const [h, s] of seen) bow.set(h, Math.max(1e-6, 1 - s.p) / Math.max(1e-6, 1 - s.lower));
  return bow;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
