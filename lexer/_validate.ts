/**
 * Argument checks shared by the public entry points: misuse throws, with a message that says
 * what was wrong and what is allowed.
 *
 * @module
 */

/**
 * Checks that a value is a string.
 *
 * @param value The value.
 * @param what Its name, for the message.
 * @returns The value.
 */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new TypeError(`Invalid ${what}: expected a string, got ${describe(value)}`);
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
    throw new TypeError(`Invalid ${what}: expected an integer, got ${describe(value)}`);
  }
  if (value < 0 || value > max) {
    throw new RangeError(`Invalid ${what}: ${value} is out of range 0-${max}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 20))}`;
  if (typeof value === "number") return String(value);
  return value === null ? "null" : typeof value;
}
