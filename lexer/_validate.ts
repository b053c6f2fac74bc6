/**
 * Argument checks shared by the public entry points: misuse throws, with a message that says
 * what was wrong and what is allowed. No check converts the value it rejects to a string (a
 * `Symbol` would throw JavaScript's own error instead of ours) or runs code the value carries
 * (getters, `toString`), and no check walks more of an array than its real elements.
 *
 * @module
 */

/**
 * The most names an option list may hold: far more environments than any document defines, and
 * few enough that checking them is instant whatever the array claims its length is.
 */
export const MAX_OPTION_NAMES = 10_000;

/**
 * Describes a value for an error message without converting it (safe for symbols, proxies and
 * objects whose `toString` throws).
 *
 * @param value The value.
 * @returns A short description such as `null`, `a symbol` or `the string "ab"`.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.slice(0, 20))}${value.length > 20 ? "…" : ""}`;
    case "number":
      return String(value);
    case "bigint":
      return "a bigint";
    case "boolean":
      return String(value);
    case "symbol":
      return "a symbol";
    case "undefined":
      return "undefined";
    case "function":
      return "a function";
    default:
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
  }
}

/**
 * Checks that a value is a string.
 *
 * @param value The value.
 * @param what Its name, for the message.
 * @returns The value.
 */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new TypeError(`Invalid ${what}: expected a string, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks that a value is an integer in `[0, max]`.
 *
 * @param value The value.
 * @param what Its name, for the message.
 * @param max The largest value allowed.
 * @returns The value.
 */
export function requireIndex(value: unknown, what: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`Invalid ${what}: expected an integer, got ${describeValue(value)}`);
  }
  if (value < 0 || value > max) {
    throw new RangeError(`Invalid ${what}: ${value} is out of range 0-${max}`);
  }
  return value;
}

/** What {@linkcode requireRecord} needs besides the value. */
export interface RecordCheck {
  /** The value's name, for the message (`options`, `range start`). */
  readonly what: string;
  /** The shape expected, for the message (`an options object`, `{line, character}`). */
  readonly expected: string;
}

/**
 * Checks that a value is a plain record: an object that is neither `null`, an array nor a
 * function.
 *
 * @param value The value.
 * @param check Its name and the shape expected.
 * @returns The value.
 */
export function requireRecord(value: unknown, check: RecordCheck): Record<PropertyKey, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(
      `Invalid ${check.what}: expected ${check.expected}, got ${describeValue(value)}`,
    );
  }
  return value as Record<PropertyKey, unknown>;
}

/**
 * Reads an own data property of a record, `undefined` when absent: inherited properties (a
 * polluted `Object.prototype`) are not read, and getters are not run.
 *
 * @param record The record.
 * @param key The property.
 * @param what The record's name and the property's, for the message.
 * @returns The value.
 */
export function ownValue(record: object, key: string, what: string): unknown {
  const d = Object.getOwnPropertyDescriptor(record, key);
  if (d === undefined) return undefined;
  if (!("value" in d)) throw new TypeError(`Invalid ${what}: expected a value, got an accessor`);
  return d.value;
}

/**
 * Checks that a value is an array of at most {@linkcode MAX_OPTION_NAMES} non-empty strings,
 * with no holes and no accessors, and copies it. It refuses a too-long array by its length alone
 * and stops at the first bad element, so it never looks past the array's real elements.
 *
 * @param value The value.
 * @param what Its name, for the message.
 * @returns A frozen copy of the names.
 */
export function requireNames(value: unknown, what: string): readonly string[] {
  const expected = "an array of non-empty strings";
  if (!Array.isArray(value)) {
    throw new TypeError(`Invalid ${what}: expected ${expected}, got ${describeValue(value)}`);
  }
  const length: unknown = value.length; // a proxy's trap may return anything
  if (typeof length !== "number" || !(length <= MAX_OPTION_NAMES)) {
    throw new RangeError(
      `Invalid ${what}: expected at most ${MAX_OPTION_NAMES} names, got an array of length ${
        describeValue(length)
      }`,
    );
  }
  const names: string[] = [];
  for (let i = 0; i < length; i++) {
    const d = Object.getOwnPropertyDescriptor(value, i);
    if (d === undefined) {
      throw new TypeError(`Invalid ${what}: expected ${expected}, got a hole at index ${i}`);
    }
    if (!("value" in d)) {
      throw new TypeError(`Invalid ${what}: expected ${expected}, got an accessor at index ${i}`);
    }
    const name: unknown = d.value;
    if (typeof name !== "string" || name.length === 0) {
      throw new TypeError(
        `Invalid ${what}: expected ${expected}, got ${describeValue(name)} at index ${i}`,
      );
    }
    names.push(name);
  }
  return Object.freeze(names);
}
