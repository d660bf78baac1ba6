/** A network link emulated by Chromium (DevTools' `Network.emulateNetworkConditions`). */
export interface NetworkLink {
  latencyMs: number;
  downBitsPerSecond: number;
  upBitsPerSecond: number;
}

/** DevTools' "Slow 4G" as issue 15 states it: a phone on a poor link. Only the query runs on it; the page loads at full speed. */
export const SLOW_4G: NetworkLink = { latencyMs: 150, downBitsPerSecond: 1.6e6, upBitsPerSecond: 750e3 };

/** How a report names `link`: `150 ms, 1.6 Mbit/s down`. */
export function describeLink(link: NetworkLink): string {
  return `${link.latencyMs} ms, ${link.downBitsPerSecond / 1e6} Mbit/s down`;
}
