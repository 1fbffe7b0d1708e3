import { strict as assert } from 'node:assert';
import { PendingEdits, applyEdits, flattenChanges, type ContentChange } from '../../../extension/src/editor/editFlattening';

/** What VS Code does for one event: every change is a range of the document as it was before the event. */
function applySimultaneously(text: string, changes: readonly ContentChange[]): string {
  const byOffset = [...changes].sort((a, b) => a.rangeOffset - b.rangeOffset);
  let result = '';
  let cursor = 0;
  for (const c of byOffset) {
    result += text.slice(cursor, c.rangeOffset) + c.text;
    cursor = c.rangeOffset + c.rangeLength;
  }
  return result + text.slice(cursor);
}

describe('edit flattening (code sync)', () => {
  it('turns a multi-cursor insert, reported in ascending order, into sequential edits', () => {
    const before = 'a\nb\nc\n';
    // three cursors at the start of each line typing "// "
    const changes = [0, 2, 4].map((rangeOffset) => ({ rangeOffset, rangeLength: 0, text: '// ' }));
    const edits = flattenChanges(changes);
    assert.deepEqual(edits.map((e) => e.rangeOffset), [4, 2, 0]);
    assert.equal(applyEdits(before, edits), '// a\n// b\n// c\n');
    assert.equal(applyEdits(before, edits), applySimultaneously(before, changes));
  });

  it('handles replacements of different lengths in one event (rename all occurrences)', () => {
    const before = 'let x = 1;\nx = x + 1;\nreturn x;';
    const offsets = [...before.matchAll(/\bx\b/g)].map((m) => m.index!);
    const changes = offsets.map((rangeOffset) => ({ rangeOffset, rangeLength: 1, text: 'total' }));
    const after = applyEdits(before, flattenChanges(changes));
    assert.equal(after, 'let total = 1;\ntotal = total + 1;\nreturn total;');
  });

  it('keeps an insertion at the start of a replaced range in front of the replacement', () => {
    const before = 'abcdef';
    const changes = [{ rangeOffset: 2, rangeLength: 0, text: 'Y' }, { rangeOffset: 2, rangeLength: 2, text: 'X' }];
    assert.equal(applyEdits(before, flattenChanges(changes)), applySimultaneously(before, changes));
    assert.equal(applyEdits(before, flattenChanges(changes)), 'abYXef');
  });

  it('matches simultaneous application on random multi-range events', () => {
    let seed = 42;
    const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: 20 + random(40) }, () => 'abcdefgh\n '[random(10)]).join('');
      // non-overlapping ranges, as VS Code guarantees within one event
      const changes: ContentChange[] = [];
      let offset = 0;
      while (offset < text.length && changes.length < 6) {
        offset += random(8);
        if (offset > text.length) break;
        const rangeLength = Math.min(random(4), text.length - offset);
        changes.push({ rangeOffset: offset, rangeLength, text: 'xyz'.slice(0, random(4)) });
        offset += rangeLength + 1;
      }
      const shuffled = [...changes].sort(() => random(3) - 1);
      assert.equal(applyEdits(text, flattenChanges(shuffled)), applySimultaneously(text, changes), `round ${round}`);
    }
  });

  it('concatenates consecutive events into one valid batch', () => {
    const pending = new PendingEdits(500);
    let doc = 'function f() {\n}\n';
    const original = doc;
    const events: ContentChange[][] = [
      [{ rangeOffset: 15, rangeLength: 0, text: '  return 1;\n' }],
      [{ rangeOffset: 9, rangeLength: 1, text: 'sum' }, { rangeOffset: 26, rangeLength: 1, text: '42' }],
    ];
    for (const event of events) {
      doc = applySimultaneously(doc, event);
      pending.add(event);
    }
    assert.equal(pending.size, 3);
    assert.equal(applyEdits(original, pending.take()), doc);
    assert.equal(pending.size, 0);
  });

  it('reports overflow past the per-message edit limit', () => {
    const pending = new PendingEdits(2);
    pending.add([{ rangeOffset: 0, rangeLength: 0, text: 'a' }, { rangeOffset: 0, rangeLength: 0, text: 'b' }]);
    assert.equal(pending.overflowed, false);
    pending.add([{ rangeOffset: 0, rangeLength: 0, text: 'c' }]);
    assert.equal(pending.overflowed, true);
  });

  it('refuses an edit past the end of the text', () => {
    assert.throws(() => applyEdits('abc', [{ rangeOffset: 2, rangeLength: 5, text: '' }]), RangeError);
  });
});
