/**
 * Dates in a named time zone. A spreadsheet stores a date as a calendar day and a time in its own zone
 * (`getSpreadsheetTimeZone()`), and Apps Script hands it over as the instant of that wall-clock time;
 * the script itself runs in another zone (appsscript.json), where `getDate()` and `new Date(y, m, d)`
 * work. Core reads dates with those local methods, so the adapter converts at the border, here:
 * an instant from the sheet becomes the local Date showing the same wall clock (« floating »), and back.
 * Intl.DateTimeFormat with `timeZone` does the arithmetic (Apps Script's V8 has it), DST included.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Whether Intl knows the zone (a spreadsheet may report one this runtime lacks). */
export function isKnownZone(zone: string): boolean {
  try {
    formatIn(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `instant` in `zone`. */
export function wallClockIn(instant: Date, zone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatIn(zone).formatToParts(instant)) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function utcOf(wall: WallClock): number {
  const date = new Date(Date.UTC(2000, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  date.setUTCFullYear(wall.year);
  return date.getTime();
}

/** Milliseconds `zone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, zone: string): number {
  return utcOf(wallClockIn(new Date(instant), zone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant `zone` shows `wall`. Across a DST change, a wall clock that does not exist (spring
 * forward) gives the instant just after the gap, and one that happens twice (fall back) the first.
 */
export function instantIn(wall: WallClock, zone: string): Date {
  const utc = utcOf(wall);
  // The offsets a day before and after cover any change near the wall clock.
  const before = utc - offsetAt(utc - DAY, zone);
  const after = utc - offsetAt(utc + DAY, zone);
  const shows = (t: number) => utcOf(wallClockIn(new Date(t), zone)) === utc;
  const found = [Math.min(before, after), Math.max(before, after)].find(shows);
  return new Date(found ?? before);
}

/** yyyy-mm-dd of the calendar day `instant` falls on in `zone`. */
export function isoDayIn(instant: Date, zone: string): string {
  const { year, month, day } = wallClockIn(instant, zone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant a calendar day (yyyy-mm-dd) starts in `zone`; null for a text that is no such day. */
export function midnightIn(isoDay: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  const wall = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: 0, minute: 0, second: 0 };
  const instant = instantIn(wall, zone);
  return isoDayIn(instant, zone) === isoDay ? instant : null;
}

const millis = (d: Date) => ((d.getTime() % 1000) + 1000) % 1000;

/** The local Date (the script's zone) showing the wall clock `instant` shows in `zone`. */
export function floatingFrom(instant: Date, zone: string): Date {
  const w = wallClockIn(instant, zone);
  const local = new Date(2000, w.month - 1, w.day, w.hour, w.minute, w.second, millis(instant));
  local.setFullYear(w.year);
  // setFullYear keeps the month and day: only a 29 February needs them set again after it.
  if (local.getMonth() !== w.month - 1) local.setFullYear(w.year, w.month - 1, w.day);
  return local;
}

/** The instant showing in `zone` the wall clock a local Date shows: the inverse of floatingFrom. */
export function instantFromFloating(local: Date, zone: string): Date {
  const wall = {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
  };
  return new Date(instantIn(wall, zone).getTime() + local.getMilliseconds());
}

/** A matrix with every Date replaced by `convert(date)`, other values as they are. */
export function mapDates<T>(rows: readonly (readonly T[])[], convert: (date: Date) => Date): T[][] {
  return rows.map((row) => row.map((v) => (v instanceof Date ? (convert(v) as T) : v)));
}
