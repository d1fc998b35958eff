/**
 * Canonical JSON: the one byte-exact spelling of a value that every device, the exporter and
 * any later verifier agree on, so a digest computed over it today recomputes identically
 * tomorrow and elsewhere. Object keys are sorted by UTF-16 code units (as RFC 8785 does),
 * arrays keep their order, `undefined` members are dropped (as `JSON.stringify` does), and
 * strings and numbers use `JSON.stringify`'s spelling, which is ECMAScript's canonical one.
 *
 * Values JSON cannot carry faithfully (NaN, Infinity, bigint, functions, symbols, Dates,
 * class instances) throw instead of silently turning into `null` or `{}`: a payload that
 * does not survive a round trip through storage must not get a digest.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot represent`);
      // -0 would stringify as "0" anyway; say so explicitly so the rule is visible.
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => (item === undefined ? 'null' : write(item, `${path}[${i}]`))).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonicalJson: ${path} is not a plain object`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort(compareCodeUnits);
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

/** Plain `<` on strings compares UTF-16 code units, which is what RFC 8785 specifies. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
