// Times as the dashboard says them, against a `now` the caller gives (the session's clock while
// following a live session, the entry's time when the timeline is elsewhere): whole seconds left
// before something, how long ago something was, and the time of day it happened. Pure: no clock is
// read here.

/**
 * Whole seconds from `now` until `at`, rounded up, never negative (0: due now or past).
 *
 * @example
 * secondsUntil(27_000, 15_200); // 12
 * secondsUntil(10_000, 12_000); // 0
 */
export function secondsUntil(at: number, now: number): number {
  const left = Math.ceil((at - now) / 1000);
  return Number.isFinite(left) && left > 0 ? left : 0;
}

/**
 * How long before `now` the moment `at` was, in the largest unit that fits.
 *
 * @example
 * agoInWords(0, 12_400); // '12 s ago'
 * agoInWords(0, 3 * 60_000); // '3 min ago'
 * agoInWords(5_000, 5_000); // 'just now'
 */
export function agoInWords(at: number, now: number): string {
  const seconds = Math.floor((now - at) / 1000);
  if (!Number.isFinite(seconds) || seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The local time of day of `at` (`14:03:27`), with its date when that is not `now`'s day.
 *
 * @example
 * clockTime(new Date(2025, 0, 2, 14, 3, 27).getTime(), new Date(2025, 0, 2, 15, 0).getTime()); // '14:03:27'
 * clockTime(new Date(2025, 0, 1, 9, 0, 0).getTime(), new Date(2025, 0, 2, 15, 0).getTime()); // '2025-01-01 09:00:00'
 */
export function clockTime(at: number, now: number): string {
  const d = new Date(at);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  if (new Date(now).toDateString() === d.toDateString()) return time;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${time}`;
}

/**
 * When something happened: its time of day and how long ago.
 *
 * @example
 * whenInWords(at, at + 12_000); // '14:03:27, 12 s ago'
 */
export function whenInWords(at: number, now: number): string {
  return `${clockTime(at, now)}, ${agoInWords(at, now)}`;
}
