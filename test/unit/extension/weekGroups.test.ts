import { strict as assert } from 'node:assert';
import { groupByWeek, localeFirstDay } from '../../../extension/src/views/weekGroups';

const s = (id: string, startedAt: string) => ({ id, startedAt });
const labels = (groups: { label: string }[]) => groups.map((g) => g.label);
const ids = (groups: { items: { id: string }[] }[]) => groups.map((g) => g.items.map((i) => i.id));

describe('interviews grouped by week', () => {
  // Wednesday 25 Nov 2026, noon UTC.
  const now = new Date('2026-11-25T12:00:00Z');
  const utc = { now, timeZone: 'UTC', locale: 'en-GB', firstDayOfWeek: 1 };

  it('names this week, last week, and older weeks by their first day in the locale', () => {
    const groups = groupByWeek([
      s('a', '2026-11-23T00:00:00Z'), // Monday of this week
      s('b', '2026-11-22T23:59:59Z'), // Sunday of last week
      s('c', '2026-11-16T08:00:00Z'), // Monday of last week
      s('d', '2026-11-12T08:00:00Z'), // Thursday in the week of 9 Nov
    ], utc);
    assert.deepEqual(labels(groups), ['This week', 'Last week', 'Week of 9 Nov']);
    assert.deepEqual(ids(groups), [['a'], ['b', 'c'], ['d']]);
    assert.deepEqual(groups.map((g) => g.key), ['2026-11-23', '2026-11-16', '2026-11-09']);
  });

  it('formats the week in the user locale', () => {
    const [group] = groupByWeek([s('d', '2026-11-12T08:00:00Z')], { ...utc, locale: 'en-US' });
    assert.equal(group?.label, 'Week of Nov 9');
    const [german] = groupByWeek([s('d', '2026-11-12T08:00:00Z')], { ...utc, locale: 'de-DE' });
    assert.equal(german?.label, 'Week of 9. Nov.');
  });

  it('puts a session in the week of its local date, not its UTC date', () => {
    // 23:30 UTC on Sunday 22 Nov is already Monday 23 Nov in Tokyo, and still Sunday in New York.
    const late = [s('x', '2026-11-22T23:30:00Z')];
    assert.deepEqual(labels(groupByWeek(late, { ...utc, timeZone: 'Asia/Tokyo' })), ['This week']);
    assert.deepEqual(labels(groupByWeek(late, { ...utc, timeZone: 'America/New_York' })), ['Last week']);
    // and "now" is local too: 02:00 UTC Monday is still Sunday in Los Angeles, so Monday's session is "next week"
    const earlyMonday = new Date('2026-11-23T02:00:00Z');
    const groups = groupByWeek([s('y', '2026-11-22T20:00:00Z')], { ...utc, now: earlyMonday, timeZone: 'America/Los_Angeles' });
    assert.deepEqual(labels(groups), ['This week']);
  });

  it('crosses the year boundary: a week starting in December, and the year shown only for other years', () => {
    const january = new Date('2027-01-02T12:00:00Z'); // Saturday; its week began Monday 28 Dec 2026
    const groups = groupByWeek([
      s('new-year', '2027-01-01T09:00:00Z'),
      s('before', '2026-12-28T09:00:00Z'),
      s('last', '2026-12-24T09:00:00Z'),
      s('older', '2026-12-14T09:00:00Z'),
      s('older-year', '2026-01-07T09:00:00Z'),
    ], { ...utc, now: january });
    assert.deepEqual(labels(groups), ['This week', 'Last week', 'Week of 14 Dec 2026', 'Week of 5 Jan 2026']);
    assert.deepEqual(ids(groups)[0], ['new-year', 'before']);
    // within the same year, no year
    const [same] = groupByWeek([s('d', '2026-02-03T09:00:00Z')], utc);
    assert.equal(same?.label, 'Week of 2 Feb');
  });

  it('starts the week on the locale first day: Sunday in the US', () => {
    assert.equal(localeFirstDay('en-US'), 7);
    assert.equal(localeFirstDay('en-GB'), 1);
    const sunday = [s('sun', '2026-11-22T15:00:00Z')];
    assert.deepEqual(labels(groupByWeek(sunday, { now, timeZone: 'UTC', locale: 'en-US' })), ['This week']);
    assert.deepEqual(labels(groupByWeek(sunday, { now, timeZone: 'UTC', locale: 'en-GB' })), ['Last week']);
  });

  it('orders stably: newest first, equal times by id, unparseable dates left out', () => {
    const items = [s('b', '2026-11-24T10:00:00Z'), s('a', '2026-11-24T10:00:00Z'), s('c', '2026-11-25T09:00:00Z'), s('bad', 'yesterday')];
    const first = groupByWeek(items, utc);
    const again = groupByWeek([...items].reverse(), utc);
    assert.deepEqual(ids(first), [['c', 'a', 'b']]);
    assert.deepEqual(ids(again), ids(first));
  });
});
