/**
 * Response times as runbooks write them → minutes: "15 minutes", "< 30 min", "1 hour",
 * "4 business hours", "24h", "1-2 hours" (the deadline: the upper bound), "Immediate" (0).
 */

const UNIT_MINUTES: ReadonlyArray<[RegExp, number]> = [
  [/^(?:s|secs?|seconds?)$/i, 1 / 60],
  [/^(?:m|mins?|minutes?)$/i, 1],
  [/^(?:h|hrs?|hours?)$/i, 60],
  [/^(?:d|days?)$/i, 1440],
  [/^(?:w|wks?|weeks?)$/i, 10080],
];

const DURATION =
  /(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|—|to)\s*(\d+(?:[.,]\d+)?))?\s*(?:business\s+|working\s+|calendar\s+)?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])/i;

const IMMEDIATE = /\b(?:immediate(?:ly)?|asap|right away|instantly)\b/i;

/** Minutes in the first duration of `text`, or 0 for "immediate" with no number, else null. */
export function parseDurationMinutes(text: string): number | null {
  const match = DURATION.exec(text);
  if (match) {
    const value = Number((match[2] ?? match[1]!).replace(',', '.'));
    const unit = UNIT_MINUTES.find(([pattern]) => pattern.test(match[3]!));
    if (unit && Number.isFinite(value)) return Math.round(value * unit[1] * 100) / 100;
  }
  if (IMMEDIATE.test(text)) return 0;
  return null;
}
