// Pronunciations for the domain language model's words: CMUdict (shipped with pocketsphinx-en-us), plus
// rules for what code is full of and the dictionary lacks: plurals ("nums"), compounds ("hashmap"),
// acronyms ("bfs", "dp").
import { readFileSync } from 'node:fs';

const LETTER_NAMES: Record<string, string> = {
  a: 'EY', b: 'B IY', c: 'S IY', d: 'D IY', e: 'IY', f: 'EH F', g: 'JH IY', h: 'EY CH', i: 'AY', j: 'JH EY',
  k: 'K EY', l: 'EH L', m: 'EH M', n: 'EH N', o: 'OW', p: 'P IY', q: 'K Y UW', r: 'AA R', s: 'EH S', t: 'T IY',
  u: 'Y UW', v: 'V IY', w: 'D AH B AH L Y UW', x: 'EH K S', y: 'W AY', z: 'Z IY',
};

/** Phones after which a plural "s" is voiceless. */
const VOICELESS = new Set(['P', 'T', 'K', 'F', 'TH']);

export class PronouncingDictionary {
  private constructor(private readonly entries: Map<string, string[]>) {}

  /** Parses a Sphinx dictionary: `word PH PH …`, alternatives as `word(2) …`. */
  static parse(text: string): PronouncingDictionary {
    const entries = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const word = line.slice(0, space).replace(/\(\d+\)$/, '');
      const phones = line.slice(space + 1).trim();
      const list = entries.get(word);
      if (list) list.push(phones); else entries.set(word, [phones]);
    }
    return new PronouncingDictionary(entries);
  }

  static load(path: string): PronouncingDictionary {
    return PronouncingDictionary.parse(readFileSync(path, 'utf8'));
  }

  get size(): number { return this.entries.size; }

  /** Every pronunciation of `word`, by dictionary or by rule; empty when none can be made. */
  pronounce(word: string): string[] {
    const known = this.entries.get(word);
    if (known) return known;
    const plural = word.length > 3 && word.endsWith('s') ? this.entries.get(word.slice(0, -1)) : undefined;
    if (plural) return plural.map((p) => `${p} ${VOICELESS.has(p.split(' ').at(-1) ?? '') ? 'S' : 'Z'}`);
    const compound = this.splitCompound(word);
    if (compound) return [compound];
    if (/^[a-z]{1,4}$/.test(word)) return [[...word].map((ch) => LETTER_NAMES[ch]).join(' ')];
    return [];
  }

  /** "hashmap" → "hash" + "map": the split with the longest first part whose halves are both words. */
  private splitCompound(word: string): string | null {
    for (let cut = word.length - 3; cut >= 3; cut--) {
      const head = this.entries.get(word.slice(0, cut));
      const tail = this.entries.get(word.slice(cut));
      if (head && tail) return `${head[0]} ${tail[0]}`;
    }
    return null;
  }
}

/** Lines of a Sphinx dictionary holding exactly `words`, in a stable order. */
export function dictionaryText(words: Iterable<string>, dictionary: PronouncingDictionary): string {
  const lines: string[] = [];
  for (const word of [...new Set(words)].sort()) {
    dictionary.pronounce(word).forEach((phones, i) => lines.push(`${i === 0 ? word : `${word}(${i + 1})`} ${phones}`));
  }
  return `${lines.join('\n')}\n`;
}
