// Groups interviews by calendar week in the user's time zone and locale: "This week", "Last week", "Week of 9 Nov".
// Pure (no vscode import) so the unit tests can pin the clock, the zone and the locale.

export interface WeekGroupOptions {
  /** The moment "this week" is computed from. */
  now: Date;
  /** IANA zone; undefined: the host's own. */
  timeZone?: string;
  /** BCP 47 tag for the "Week of …" dates and the first day of the week; undefined: the host's. */
  locale?: string;
  /** 1 = Monday … 7 = Sunday (ISO). Undefined: the locale's, else Monday. */
  firstDayOfWeek?: number;
}

export interface WeekGroup<T> {
  /** The week's first day as YYYY-MM-DD in the user's zone: a stable id across refreshes. */
  key: string;
  label: string;
  /** Newest first. */
  items: T[];
}

const DAY_MS = 86_400_000;

/** Groups newest week first; items newest first, ties broken by `id` so the order never flickers. */
export function groupByWeek<T extends { id: string; startedAt: string }>(items: readonly T[], options: WeekGroupOptions): WeekGroup<T>[] {
  const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const firstDay = options.firstDayOfWeek ?? localeFirstDay(options.locale);
  const dayOf = dayNumberIn(zone);
  const thisWeek = weekStart(dayOf(options.now), firstDay);
  const thisYear = new Date(dayOf(options.now) * DAY_MS).getUTCFullYear();

  const groups = new Map<number, T[]>();
  for (const item of items) {
    const time = Date.parse(item.startedAt);
    if (Number.isNaN(time)) continue;
    const start = weekStart(dayOf(new Date(time)), firstDay);
    groups.set(start, [...(groups.get(start) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .map(([start, members]) => ({
      key: new Date(start * DAY_MS).toISOString().slice(0, 10),
      label: weekLabel(start, thisWeek, thisYear, options.locale),
      items: members.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || a.id.localeCompare(b.id)),
    }));
}

function weekLabel(start: number, thisWeek: number, thisYear: number, locale: string | undefined): string {
  if (start === thisWeek) return 'This week';
  if (start === thisWeek - 7) return 'Last week';
  const date = new Date(start * DAY_MS);
  const sameYear = date.getUTCFullYear() === thisYear;
  // The day number is a UTC midnight, so format it in UTC: the user's zone was applied when it was computed.
  const text = new Intl.DateTimeFormat(locale, {
    day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric', timeZone: 'UTC',
  }).format(date);
  return `Week of ${text}`;
}

/** Days since 1970-01-01 of the calendar date a moment falls on in `timeZone`. */
function dayNumberIn(timeZone: string): (moment: Date) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  return (moment) => {
    const parts = Object.fromEntries(format.formatToParts(moment).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY_MS;
  };
}

function weekStart(day: number, firstDay: number): number {
  const isoWeekday = ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;
  return day - ((isoWeekday - firstDay + 7) % 7);
}

interface WeekInfoLocale { weekInfo?: { firstDay?: number }; getWeekInfo?(): { firstDay?: number } }

/** Intl.Locale week data where the runtime has it (getWeekInfo, or the older weekInfo getter); else Monday. */
export function localeFirstDay(locale: string | undefined): number {
  try {
    const tag = locale ?? Intl.DateTimeFormat().resolvedOptions().locale;
    const info = new Intl.Locale(tag) as unknown as WeekInfoLocale;
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    return firstDay !== undefined && firstDay >= 1 && firstDay <= 7 ? firstDay : 1;
  } catch {
    return 1;
  }
}
