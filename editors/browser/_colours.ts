/**
 * Counts the distinct colours of a PNG, decoded by the browser (a canvas) so the tests need no
 * PNG decoder of their own.
 *
 * @module
 */

/// <reference lib="dom" />

import type { Page } from "playwright-core";

/**
 * The hues (in 30° buckets) that cover at least `minPixels` saturated pixels of a PNG.
 *
 * @param page A page to decode in.
 * @param png The PNG's bytes.
 * @param minPixels The fewest pixels a hue must cover to count.
 * @returns The buckets' starting hues, in degrees.
 */
export function distinctHues(page: Page, png: Uint8Array, minPixels = 30): Promise<number[]> {
  let binary = "";
  for (const b of png) binary += String.fromCharCode(b);
  return page.evaluate(async ({ b64, minPixels }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const cx = canvas.getContext("2d")!;
    cx.drawImage(img, 0, 0);
    const data = cx.getImageData(0, 0, img.width, img.height).data;
    const counts = new Array(12).fill(0);
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]! / 255, g = data[i + 1]! / 255, b = data[i + 2]! / 255;
      const max = Math.max(r, g, b), min = Math.min(r, g, b);
      if (max - min < 0.35) continue; // grey, white, black, or anti-aliased pale
      let h = max === r
        ? (g - b) / (max - min)
        : max === g
        ? 2 + (b - r) / (max - min)
        : 4 + (r - g) / (max - min);
      h = (h * 60 + 360) % 360;
      counts[Math.floor(h / 30)]++;
    }
    return counts.flatMap((n, i) => n >= minPixels ? [i * 30] : []);
  }, { b64: btoa(binary), minPixels });
}
