// Calendar arithmetic of the date finder: Gregorian, Jalali and Umm al-Qura days as ISO dates.
import { CalendarDate, GregorianCalendar, IslamicUmalquraCalendar, PersianCalendar, toCalendar, type Calendar } from '@internationalized/date';
import type { DateCalendar } from '../dateLexicon';

const CALENDARS: Record<DateCalendar, Calendar> = {
  gregory: new GregorianCalendar(),
  persian: new PersianCalendar(),
  islamic: new IslamicUmalquraCalendar(),
};

interface Ymd { y: number; m: number; d: number }

/** An ISO date, yyyy-mm-dd. */
export const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(cal: DateCalendar, y: number, m: number): number {
  return CALENDARS[cal].getDaysInMonth(new CalendarDate(CALENDARS[cal], y, m, 1));
}

/** The Gregorian ISO date of day `d` of month `m` of year `y` in `cal`; null when there is no such day. */
export function toIso(cal: DateCalendar, y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 || d > daysInMonth(cal, y, m)) return null;
  const g = cal === 'gregory' ? new CalendarDate(y, m, d) : toCalendar(new CalendarDate(CALENDARS[cal], y, m, d), CALENDARS.gregory);
  return `${String(g.year).padStart(4, '0')}-${String(g.month).padStart(2, '0')}-${String(g.day).padStart(2, '0')}`;
}

/** The year, month and day of an ISO date in `cal`. */
export function fromIso(iso: string, cal: DateCalendar): Ymd {
  const [, y, m, d] = ISO.exec(iso)!.map(Number);
  if (cal === 'gregory') return { y, m, d };
  const c = toCalendar(new CalendarDate(y, m, d), CALENDARS[cal]);
  return { y: c.year, m: c.month, d: c.day };
}

/** The ISO date `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
  const [, y, m, d] = ISO.exec(iso)!.map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The weekday of an ISO date, 0 = Sunday. */
export function weekdayOf(iso: string): number {
  const [, y, m, d] = ISO.exec(iso)!.map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The first and last day (ISO) of month `m` of year `y` in `cal`. */
export function monthSpan(cal: DateCalendar, y: number, m: number): [string, string] | null {
  const s = toIso(cal, y, m, 1);
  const e = s && toIso(cal, y, m, daysInMonth(cal, y, m));
  return s && e ? [s, e] : null;
}

/** The first and last day (ISO) of year `y` in `cal`. */
export function yearSpan(cal: DateCalendar, y: number): [string, string] | null {
  const s = toIso(cal, y, 1, 1);
  const e = s && toIso(cal, y, 12, daysInMonth(cal, y, 12));
  return s && e ? [s, e] : null;
}

/** Years a text may plausibly give in each calendar. */
export function plausibleYear(cal: DateCalendar, y: number): boolean {
  return cal === 'gregory' ? y >= 1800 && y <= 2200 : y >= 1200 && y <= 1600;
}

/** Longest a month can be in a calendar, whatever the year. */
export function maxDays(cal: DateCalendar, m: number): number {
  if (cal === 'islamic') return 30;
  if (cal === 'persian') return m <= 6 ? 31 : 30;
  return m === 2 ? 29 : [4, 6, 9, 11].includes(m) ? 30 : 31;
}
