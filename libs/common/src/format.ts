// The one way instants and money are written for people: emails, pages and timeline texts.

/**
 * `long` "2 March 2026, 13:00 UTC" (emails, timeline, compliance reasons), `short` "2 Mar 2026, 13:00 UTC"
 * (dense tables), `compact` "2026-03-02 13:00 UTC" (admin lists, sortable at a glance), `relative`
 * "today 14:00 CET", "tomorrow 09:00 CET", "Tue 10 Mar 09:00 CET" (work lists: the day as seen from now).
 */
export type InstantStyle = 'long' | 'short' | 'compact' | 'relative';

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** One cached Intl formatter per zone and style: a sweep writes thousands of timeline lines at a time. */
function instantFormatter(timeZone: string, style: InstantStyle): Intl.DateTimeFormat {
  const key = `${timeZone} ${style}`;
  let formatter = instantFormatters.get(key);
  if (!formatter) {
    // Throws RangeError for a time zone Intl does not know.
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: style === 'compact' ? '2-digit' : style === 'relative' ? 'short' : style,
      day: style === 'compact' ? '2-digit' : 'numeric',
      weekday: style === 'relative' ? 'short' : undefined,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: timeZone === 'UTC' ? undefined : 'short',
    });
    instantFormatters.set(key, formatter);
  }
  return formatter;
}

type InstantParts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function partsOf(date: Date, timeZone: string, style: InstantStyle): InstantParts {
  if (Number.isNaN(date.getTime())) throw new RangeError(`Cannot format ${String(date)} in time zone ${timeZone}`);
  const part: InstantParts = {};
  for (const { type, value } of instantFormatter(timeZone, style).formatToParts(date)) part[type] = value;
  return part;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The calendar day of the parts as a day number, so two days' distance is a subtraction. */
const dayNumber = (part: InstantParts): number =>
  Date.UTC(Number(part.year), MONTHS.indexOf(part.month!.slice(0, 3)), Number(part.day)) / 86_400_000;

/**
 * An instant to the minute in `timeZone` (UTC unless given), ending with the zone's short name. The
 * `relative` style names the day as seen from `now` in the same zone, and needs it.
 */
export function formatInstant(date: Date, timeZone = 'UTC', style: InstantStyle = 'long', now?: Date): string {
  const part = partsOf(date, timeZone, style);
  const zone = timeZone === 'UTC' ? 'UTC' : part.timeZoneName;
  const time = `${part.hour}:${part.minute} ${zone}`;
  if (style === 'relative') {
    if (!now) throw new TypeError('formatInstant: the relative style needs now');
    const today = partsOf(now, timeZone, style);
    const days = dayNumber(part) - dayNumber(today);
    if (days === 0) return `today ${time}`;
    if (days === 1) return `tomorrow ${time}`;
    if (days === -1) return `yesterday ${time}`;
    return `${part.weekday} ${part.day} ${part.month}${part.year === today.year ? '' : ` ${part.year}`} ${time}`;
  }
  const day = style === 'compact' ? `${part.year}-${part.month}-${part.day}` : `${part.day} ${part.month} ${part.year},`;
  return `${day} ${time}`;
}

const digitsByCurrency = new Map<string, number>();

/** Decimal places of the currency's minor unit per ISO 4217 (EUR 2, JPY 0, KWD 3); RangeError for a code Intl does not accept. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Minor units as a plain decimal in major units, exact for bigint: 250050 EUR → "2500.50", 2500 JPY → "2500". */
export function minorToDecimal(minor: bigint | number, currency: string): string {
  const digits = minorDigits(currency);
  const value = BigInt(minor);
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * An amount as people write it, in the currency's major units → minor units: "42000.50", "42000,50",
 * "42,000.50", "42.000,50", "42 000,50", "42'000.50". With both marks the last is the decimal one; a
 * single mark followed by exactly three digits groups thousands ("42.000" is 42000), otherwise it is
 * the decimal one. Null unless it is a non-negative amount with no more decimals than the currency has.
 */
export function toMinorUnits(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const plain = text.replace(/[\s'\u00a0\u202f]/g, '');
  const marks = plain.replace(/\d/g, '');
  let decimalMark: string | null = null;
  if (/^[.,]+$/.test(marks) && new Set(marks).size === 2) decimalMark = marks.at(-1)!;
  else if (marks.length === 1 && !/^[1-9]\d{0,2}[.,]\d{3}$/.test(plain)) decimalMark = marks;
  else if (marks !== '' && !/^[.,]+$/.test(marks)) return null;
  const [whole, fraction = ''] = decimalMark ? plain.split(decimalMark) : [plain];
  // Thousands groups, when written, are 3 digits each after a first group of 1 to 3.
  const groupMark = marks.replace(decimalMark ?? '', '')[0];
  if (groupMark && !new RegExp(`^[1-9]\\d{0,2}(\\${groupMark}\\d{3})+$`).test(whole)) return null;
  const integer = groupMark ? whole.split(groupMark).join('') : whole;
  if (!/^\d{1,13}$/.test(integer) || (decimalMark && !/^\d+$/.test(fraction)) || fraction.length > digits) return null;
  return Number(integer) * 10 ** digits + Number(fraction.padEnd(digits, '0'));
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Money for people, "€1,234.56" / "¥1,235", from minor units and the currency's own number of
 * decimals. A bigint is formatted exactly; a number may carry a fraction of a minor unit (an average).
 */
export function formatMoney(minor: bigint | number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  if (typeof minor === 'bigint') {
    // Intl takes a decimal string exactly (ES2023); the lib types here predate that.
    return formatter.format(minorToDecimal(minor, currency) as unknown as number);
  }
  return formatter.format(minor / 10 ** minorDigits(currency));
}
