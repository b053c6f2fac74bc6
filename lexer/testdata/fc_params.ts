/**
 * Parameters for fast-check properties: a seed that is printed and can be replayed.
 *
 * Set `FC_SEED` to replay a failure (fast-check prints the seed and path it failed with), and
 * `FC_RUNS` to run more cases.
 *
 * @module
 */

function envNumber(name: string): number | undefined {
  try {
    const v = Deno.env.get(name);
    return v === undefined || v === "" ? undefined : Number(v);
  } catch {
    return undefined; // no --allow-env: use the defaults
  }
}

/** The seed of this test run: `FC_SEED`, or a fresh one. */
export const FC_SEED: number = envNumber("FC_SEED") ?? (Date.now() ^ (Math.random() * 2 ** 31)) | 0;

/**
 * Parameters for `fc.assert`.
 *
 * @param numRuns How many cases by default.
 * @returns The parameters, with the run's seed.
 */
export function fcParams(numRuns: number): { seed: number; numRuns: number } {
  return { seed: FC_SEED, numRuns: envNumber("FC_RUNS") ?? numRuns };
}
