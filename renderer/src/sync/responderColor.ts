/**
 * A colour per responder (a person on a device): the incident's responders sorted by
 * (device id, actor) take the palette in turn, so two consoles that know the same responders
 * colour them alike, and up to eight responders never share a colour. Hues readable on both
 * themes' backgrounds.
 */
const PALETTE = ['#e5534b', '#58a6ff', '#3fb950', '#d29922', '#a371f7', '#39c5cf', '#db61a2', '#f0883e'];

export function responderKey(deviceId: string, actor: string): string {
  return `${deviceId}/${actor}`;
}

export function responderColors(responders: Iterable<{ deviceId: string; actor: string }>): Map<string, string> {
  const keys = [...new Set([...responders].map((r) => responderKey(r.deviceId, r.actor)))].sort();
  return new Map(keys.map((key, i) => [key, PALETTE[i % PALETTE.length]!]));
}

/** A device as a person reads it: the first 8 hex digits of its id. */
export function shortDevice(deviceId: string): string {
  return deviceId.slice(0, 8);
}
