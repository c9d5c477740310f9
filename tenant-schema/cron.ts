/**
 * The two cron grammars a tenant file uses, parsed field by field so that a wrong field is named:
 *
 * - Unix cron (five fields) for Auto Scaling scheduled actions: `Recurrence` is "in Unix cron
 *   syntax format ... five fields separated by white spaces: [Minute] [Hour] [Day_of_Month]
 *   [Month_of_Year] [Day_of_Week]" (EC2 Auto Scaling API reference,
 *   https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_ScheduledUpdateGroupActionRequest.html),
 *   with the ranges, lists, steps and names of crontab(5) (https://man7.org/linux/man-pages/man5/crontab.5.html):
 *   steps follow `*` or a range; names are the first three letters of a month or day.
 * - AWS cron (`cron(...)`, six fields) for AWS Backup schedules, as the EventBridge cron reference
 *   defines it (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
 *   per field its values and wildcards, `?` in exactly one of day-of-month and day-of-week.
 */

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names standing for numbers (first three letters, any case), counted from `min`. */
  readonly names?: readonly string[];
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const UNIX_FIELDS: readonly Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  // crontab(5): 0–7, where 0 and 7 are both Sunday.
  { name: "day-of-week", min: 0, max: 7, names: DAYS },
];

const AWS_FIELDS: readonly Field[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  // EventBridge: 1–7 (SUN–SAT).
  { name: "day-of-week", min: 1, max: 7, names: DAYS },
  { name: "year", min: 1970, max: 2199 },
];

/** A number or a name of `field`, or an explanation of why it is neither. */
function valueOf(text: string, field: Field): number | string {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : `"${text}" is outside ${field.min}–${field.max}`;
  }
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + field.min;
  const allowed = field.names ? `${field.min}–${field.max} or ${field.names[0]}–${field.names.at(-1)}` : `${field.min}–${field.max}`;
  return `"${text}" is not a value (${allowed})`;
}

/** Problems of one element such as `1-5/2`, `*` or `MON`. */
function elementProblem(element: string, field: Field, stepAfterStart: boolean): string | undefined {
  const [range, step, ...extra] = element.split("/");
  if (extra.length > 0 || range === undefined || range === "") return `"${element}" is not a value, range or step`;
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `"${element}" has step "${step}"; a step is a whole number from 1`;
  if (range === "*") return undefined;
  const bounds = range.split("-");
  if (bounds.length > 2) return `"${element}" is not a range (write a-b)`;
  const values = bounds.map((bound) => valueOf(bound, field));
  const wrong = values.find((value): value is string => typeof value === "string");
  if (wrong !== undefined) return wrong;
  if (values.length === 2 && (values[0] as number) > (values[1] as number)) return `range "${range}" runs backwards`;
  if (step !== undefined && values.length === 1 && !stepAfterStart) return `"${element}": a step follows * or a range, such as */${step} or ${range}-${field.max}/${step}`;
  return undefined;
}

function fieldProblem(text: string, field: Field, stepAfterStart: boolean): string | undefined {
  for (const element of text.split(",")) {
    const problem = elementProblem(element, field, stepAfterStart);
    if (problem) return `the ${field.name} field ${problem}`;
  }
  return undefined;
}

/**
 * Why `text` is not a five-field Unix cron expression Auto Scaling accepts, or undefined when it is.
 */
export function unixCronProblem(text: string): string | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} field${fields.length === 1 ? "" : "s"}, not 5`;
  for (const [i, field] of UNIX_FIELDS.entries()) {
    const problem = fieldProblem(fields[i]!, field, false);
    if (problem) return problem;
  }
  return undefined;
}

/** Day-of-month forms beyond values and ranges: `L` (last day), `LW`, `15W` (nearest weekday). */
function awsDayOfMonthSpecial(text: string): string | undefined | false {
  if (text === "L" || text === "LW") return undefined;
  const weekday = /^(\d+)W$/.exec(text);
  if (!weekday) return false;
  const day = Number(weekday[1]);
  return day >= 1 && day <= 31 ? undefined : `the day-of-month field "${text}" is outside 1–31`;
}

/** Day-of-week forms beyond values and ranges: `L`, `6L` (last Friday), `3#2` (second Tuesday). */
function awsDayOfWeekSpecial(text: string, field: Field): string | undefined | false {
  if (text === "L") return undefined;
  const special = /^([^#L]+)(?:L|#([1-5]))$/.exec(text);
  if (!special) return text.includes("#") ? `the day-of-week field "${text}" is not day#n with n from 1 to 5 (such as 3#2)` : false;
  const day = valueOf(special[1]!, field);
  return typeof day === "string" ? `the day-of-week field ${day}` : undefined;
}

/**
 * Why `text` is not an AWS cron expression (`cron(...)`, six fields) AWS Backup accepts, or
 * undefined when it is.
 */
export function awsCronProblem(text: string): string | undefined {
  const inner = /^cron\((.*)\)$/.exec(text.trim())?.[1];
  if (inner === undefined) return "is not written cron(...)";
  const fields = inner.trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} field${fields.length === 1 ? "" : "s"} inside cron(...), not 6`;
  for (const [i, field] of AWS_FIELDS.entries()) {
    const text = fields[i]!;
    if (text === "?") {
      if (i === 2 || i === 4) continue;
      return `the ${field.name} field cannot be ?; only day-of-month or day-of-week can`;
    }
    if (i === 2) {
      const special = awsDayOfMonthSpecial(text);
      if (special !== false) {
        if (special) return special;
        continue;
      }
    }
    if (i === 4) {
      if (text.includes("/")) return `the day-of-week field "${text}" cannot have a step`;
      const special = awsDayOfWeekSpecial(text, field);
      if (special !== false) {
        if (special) return special;
        continue;
      }
    }
    const problem = fieldProblem(text, field, true);
    if (problem) return problem;
  }
  const [, , dayOfMonth, , dayOfWeek] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return `has day-of-month "${dayOfMonth}" and day-of-week "${dayOfWeek}"; exactly one of them must be ?`;
  }
  return undefined;
}
