/**
 * RDS backup and maintenance windows as minutes of the week, for the constraints CreateDBInstance
 * and ModifyDBInstance state for PreferredBackupWindow ("Must be in the format hh24:mi-hh24:mi …
 * Must not conflict with the preferred maintenance window. Must be at least 30 minutes") and
 * PreferredMaintenanceWindow ("Must be in the format ddd:hh24:mi-ddd:hh24:mi … Must not conflict
 * with the preferred backup window. Must be at least 30 minutes"): Amazon RDS API Reference,
 * CreateDBInstance, https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html.
 */

/** RDS's shortest backup or maintenance window, in minutes. */
export const MIN_RDS_WINDOW_MINUTES = 30;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const WEEK = 7 * 24 * 60;

/** A span of the week, [start, start + length) in minutes from Monday 00:00 UTC, wrapping at the week's end. */
interface Span { readonly start: number; readonly length: number }

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number);
  return hours! * 60 + minutes!;
}

/** The length of a daily window "02:00-03:00" in minutes (one that ends before it starts runs past midnight). */
function dailySpan(window: string, day: number): Span {
  const [from, to] = window.split("-") as [string, string];
  const start = minutesOf(from);
  return { start: day * 1440 + start, length: (minutesOf(to) - start + 1440) % 1440 };
}

/** A weekly window "sun:03:30-sun:04:30" as a span. */
function weeklySpan(window: string): Span {
  const [from, to] = window.split("-") as [string, string];
  const at = (text: string) => DAYS.indexOf(text.slice(0, 3) as (typeof DAYS)[number]) * 1440 + minutesOf(text.slice(4));
  const start = at(from);
  return { start, length: (at(to) - start + WEEK) % WEEK };
}

/** Minutes a daily window lasts. */
export function dailyWindowMinutes(window: string): number {
  return dailySpan(window, 0).length;
}

/** Minutes a weekly window lasts. */
export function weeklyWindowMinutes(window: string): number {
  return weeklySpan(window).length;
}

function overlap(a: Span, b: Span): boolean {
  // Shift b so that it starts within a week after a's start; it overlaps when it starts inside a,
  // or a starts inside it.
  const offset = (b.start - a.start + WEEK) % WEEK;
  return offset < a.length || (WEEK - offset) % WEEK < b.length;
}

/** True when the daily backup window meets the weekly maintenance window on some day. */
export function windowsConflict(daily: string, weekly: string): boolean {
  const maintenance = weeklySpan(weekly);
  return DAYS.some((_, day) => overlap(dailySpan(daily, day), maintenance));
}
