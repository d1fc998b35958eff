/**
 * ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds + 80 random bits, written as
 * 26 Crockford base-32 characters, so ids sort by creation time as plain strings. Monotonic
 * within one generator: ids made in the same millisecond (or after the clock stepped back)
 * increment the previous random part instead of drawing a new one, so they still sort in the
 * order they were made. Uses `crypto.getRandomValues`, present in Node 20 and every browser.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 characters of 5 bits: the 48-bit timestamp. */
const TIME_LENGTH = 10;
/** 16 characters of 5 bits: the 80 random bits. */
const RANDOM_LENGTH = 16;
/** Largest time a ULID can hold (2^48 - 1 ms, year 10889). */
const MAX_TIME = 2 ** 48 - 1;

export type UlidGenerator = (now?: number) => string;

export function createUlidGenerator(random: (bytes: Uint8Array) => void = (b) => crypto.getRandomValues(b)): UlidGenerator {
  let lastTime = -1;
  // The random part as 16 base-32 digits, so incrementing is a carry over small numbers.
  const digits = new Uint8Array(RANDOM_LENGTH);

  return (now = Date.now()) => {
    let time = Math.floor(now);
    if (time <= lastTime) {
      time = lastTime;
      if (!increment(digits)) {
        // 2^80 ids in one millisecond cannot happen by accident; borrow the next millisecond
        // rather than break the ordering promise.
        time += 1;
        fillRandom(digits, random);
      }
    } else {
      fillRandom(digits, random);
    }
    if (time > MAX_TIME || time < 0) throw new RangeError(`ULID time out of range: ${time}`);
    lastTime = time;
    return encodeTime(time) + Array.from(digits, (d) => ALPHABET[d]).join('');
  };
}

/** The process-wide generator; use it unless a test needs its own clock or randomness. */
export const ulid: UlidGenerator = createUlidGenerator();

/** The millisecond timestamp a ULID was made at. */
export function ulidTime(id: string): number {
  if (!isUlid(id)) throw new TypeError(`not a ULID: ${id}`);
  let time = 0;
  for (let i = 0; i < TIME_LENGTH; i++) time = time * 32 + ALPHABET.indexOf(id[i] as string);
  return time;
}

export function isUlid(id: string): boolean {
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(id);
}

function encodeTime(time: number): string {
  let out = '';
  for (let i = 0; i < TIME_LENGTH; i++) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

function fillRandom(digits: Uint8Array, random: (bytes: Uint8Array) => void): void {
  random(digits);
  for (let i = 0; i < digits.length; i++) digits[i] = (digits[i] as number) & 31;
}

/** Adds one to the base-32 number; false when it wrapped around (all digits were 31). */
function increment(digits: Uint8Array): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits[i] as number;
    if (d < 31) {
      digits[i] = d + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}
