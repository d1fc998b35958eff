import type { TimelineEvent } from '../../../electron/common/incident/model';
import { compareTimelineOrder } from '../../../electron/common/incident/timelineOrder';

/**
 * `existing` (in timeline order) with the events of `incoming` it lacks, in timeline order.
 * `ids` holds the ids of `existing` and gains the added ones. Returns `existing` itself when
 * nothing is new, so a memo keyed on the array does no work. The common cases — live events
 * after the newest, an older page before the oldest — are one concatenation; anything else
 * (an import or a backdated note landing mid-timeline) is one linear merge.
 */
export function mergeTimeline(existing: TimelineEvent[], incoming: readonly TimelineEvent[], ids: Set<string>): TimelineEvent[] {
  const fresh: TimelineEvent[] = [];
  for (const event of incoming) {
    if (ids.has(event.id)) continue;
    ids.add(event.id);
    fresh.push(event);
  }
  if (fresh.length === 0) return existing;
  fresh.sort(compareTimelineOrder);
  const newest = existing.at(-1);
  if (!newest || compareTimelineOrder(newest, fresh[0]!) < 0) return existing.concat(fresh);
  if (compareTimelineOrder(fresh.at(-1)!, existing[0]!) < 0) return fresh.concat(existing);
  const merged: TimelineEvent[] = new Array<TimelineEvent>(existing.length + fresh.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) {
    merged[k] = j >= fresh.length || (i < existing.length && compareTimelineOrder(existing[i]!, fresh[j]!) < 0) ? existing[i++]! : fresh[j++]!;
  }
  return merged;
}
