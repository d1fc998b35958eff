/**
 * How far each recording device's clock may be from the exporting device's, as far as the
 * record itself proves — never a guess.
 *
 * Every time on a merged timeline is as its own device's clock read it, and `occurredAt` vs
 * `recordedAt` says nothing across devices (both come from one clock, or from a person). What
 * the record does prove is order: some events can only have been written after others —
 *
 * - an event that names another (a star, an action item's edit/done/reopen, a struck output)
 *   came after it;
 * - every event of a device that did not open the incident came after the `incident.created`
 *   it learnt the incident from;
 * - an import (`bundle.imported`, by the importer's clock) came after the export (by the
 *   exporter's clock) and after every event in that bundle (by its device's clock).
 *
 * With a device's offset o (its clock minus true time), "a (device A) before b (device B)"
 * gives o_B − o_A < recordedAt_b − recordedAt_a. These are difference constraints; the
 * tightest bounds on o_D − o_this follow from shortest paths over them (Floyd–Warshall: a
 * handful of devices). The bounds hold as long as each clock ran steadily through the
 * incident; evidence that contradicts itself (a clock stepped) is reported as such.
 */
import type { Bundle, BundleEvent } from './bundle';

export interface DeviceClock {
  deviceId: string;
  /** Events this device recorded in the bundle. */
  events: number;
  /** The device that exported the bundle: the others are measured against it. */
  thisDevice: boolean;
  /**
   * Bounds on (this device's clock − the exporter's clock), in ms: positive means ahead.
   * Null where the record sets no bound on that side.
   */
  low: number | null;
  high: number | null;
}

export interface ClockEstimate {
  devices: DeviceClock[];
  /** The order of the record cannot be squared with steady clocks: no bound is given. */
  contradictory: boolean;
}

/**
 * Times are whole milliseconds, each reading rounded down: two readings' true difference can
 * exceed the recorded one by up to this much, so every bound is widened by it (an export and
 * its import in the same millisecond must not prove a clock behind).
 */
const READING_RESOLUTION_MS = 1;

/** An edge "o_to − o_from ≤ weight". */
interface Constraint {
  from: string;
  to: string;
  weight: number;
}

export function estimateClockOffsets(bundle: Bundle): ClockEstimate {
  const counts = new Map<string, number>();
  for (const e of bundle.events) counts.set(e.deviceId, (counts.get(e.deviceId) ?? 0) + 1);
  const devices = [...counts.keys()];
  if (!counts.has(bundle.deviceId)) devices.push(bundle.deviceId);
  const constraints = orderConstraints(bundle);

  // dist[i][j]: the tightest bound on o_j − o_i.
  const index = new Map(devices.map((d, i) => [d, i]));
  const n = devices.length;
  const dist = devices.map((_, i) => devices.map((__, j) => (i === j ? 0 : Infinity)));
  for (const c of constraints) {
    const i = index.get(c.from);
    const j = index.get(c.to);
    if (i === undefined || j === undefined || i === j) continue;
    dist[i]![j] = Math.min(dist[i]![j]!, c.weight);
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const through = dist[i]![k]! + dist[k]![j]!;
        if (through < dist[i]![j]!) dist[i]![j] = through;
      }
    }
  }
  const contradictory = devices.some((_, i) => dist[i]![i]! < 0);
  const self = index.get(bundle.deviceId)!;
  return {
    contradictory,
    devices: devices.map((deviceId, i) => {
      const thisDevice = i === self;
      const high = contradictory || thisDevice ? null : dist[self]![i]!;
      const low = contradictory || thisDevice ? null : -dist[i]![self]!;
      return {
        deviceId,
        events: counts.get(deviceId) ?? 0,
        thisDevice,
        low: low === null || !Number.isFinite(low) ? null : low,
        high: high === null || !Number.isFinite(high) ? null : high,
      };
    }),
  };
}

/** "a came before b" for every pair the record proves, as constraints on the offsets. */
function orderConstraints(bundle: Bundle): Constraint[] {
  const out: Constraint[] = [];
  const byId = new Map(bundle.events.map((e) => [e.id, e]));
  const commandEvents = new Map(bundle.commands.map((c) => [c.id, c.eventId]));
  // a (recorded at ra by device A) happened before b (rb, device B): o_B − o_A < rb − ra.
  const before = (fromDevice: string, ra: number, toDevice: string, rb: number) => {
    if (fromDevice !== toDevice) out.push({ from: fromDevice, to: toDevice, weight: rb - ra + READING_RESOLUTION_MS });
  };
  const earliest = new Map<string, BundleEvent>();
  let created: BundleEvent | null = null;
  for (const e of bundle.events) {
    const first = earliest.get(e.deviceId);
    if (!first || e.recordedAt < first.recordedAt) earliest.set(e.deviceId, e);
    if (e.kind === 'incident.created') created = e;
    const p = e.payload as { eventId?: unknown; itemId?: unknown; commandId?: unknown; fromDeviceId?: unknown; exportedAt?: unknown; latestRecordedAt?: unknown };
    const targetId = typeof p.eventId === 'string' ? p.eventId : typeof p.itemId === 'string' ? p.itemId : typeof p.commandId === 'string' ? commandEvents.get(p.commandId) : undefined;
    const target = targetId === undefined ? undefined : byId.get(targetId);
    if (target) before(target.deviceId, target.recordedAt, e.deviceId, e.recordedAt);
    if (e.kind === 'bundle.imported') {
      // The payload was written by War Room; a redacted one may not hold numbers any more.
      if (typeof p.fromDeviceId === 'string' && typeof p.exportedAt === 'number') before(p.fromDeviceId, p.exportedAt, e.deviceId, e.recordedAt);
      if (p.latestRecordedAt && typeof p.latestRecordedAt === 'object') {
        for (const [device, at] of Object.entries(p.latestRecordedAt as Record<string, unknown>)) if (typeof at === 'number') before(device, at, e.deviceId, e.recordedAt);
      }
    }
  }
  // Nobody records into an incident before it exists: each device's first event came after
  // the creation it learnt of (through an import of it, at the latest).
  if (created) for (const first of earliest.values()) before(created.deviceId, created.recordedAt, first.deviceId, first.recordedAt);
  return out;
}
