import { describe, expect, it } from 'vitest';
import { clockFacts } from '../../../../../electron/common/report/clockFacts';
import type { DeviceClock } from '../../../../../electron/common/report/clockOffsets';
import { plain } from '../../../../../electron/common/incident/describeEvent';

const me: DeviceClock = { deviceId: 'aaaa', events: 10, thisDevice: true, low: null, high: null };
const dev = (deviceId: string, low: number | null, high: number | null): DeviceClock => ({ deviceId, events: 3, thisDevice: false, low, high });
const facts = (devices: DeviceClock[], contradictory = false) => clockFacts({ devices, contradictory }, (id) => id).map((r) => `${r.label}: ${plain(r.value)}`);

describe('clockFacts', () => {
  it('says nothing for a single device', () => {
    expect(facts([me])).toEqual([]);
  });

  it('without any bound: lists the devices and says their clocks are not reconciled', () => {
    expect(facts([me, dev('bbbb', null, 45_000)])).toEqual([
      'Recording devices: aaaa (this device, 10 events), bbbb (3 events)',
      'Clocks: not reconciled: each event’s time is as its own device’s clock read it; nothing in the record bounds how far apart they are.',
    ]);
  });

  it('states what is proved per device, rounded outwards, and "not reconciled" for the rest', () => {
    expect(facts([me, dev('bbbb', 298_999, 301_001), dev('cccc', null, -90_500), dev('dddd', -2, 9), dev('eeee', -7_200_000, 5000), dev('ffff', null, null)]).slice(1)).toEqual([
      'Clock of bbbb: 4 min 58 s to 5 min 02 s ahead of this device’s (from the record’s order, if each clock ran steadily)',
      'Clock of cccc: at least 1 min 30 s behind this device’s (from the record’s order, if each clock ran steadily)',
      'Clock of dddd: no offset measurable: between 2 ms behind and 9 ms ahead of this device’s (from the record’s order, if each clock ran steadily)',
      'Clock of eeee: not reconciled; the record only bounds it between 2 h 00 min behind and 5.0 s ahead of this device’s (from the record’s order, if each clock ran steadily)',
      'Clock of ffff: not reconciled: each event’s time is as its own device’s clock read it (nothing in the record bounds it)',
    ]);
  });

  it('order no steady clocks can explain: not reconciled, and why', () => {
    expect(facts([me, dev('bbbb', null, null)], true)[1]).toMatch(/^Clocks: not reconciled: .* cannot be squared with steady clocks \(was a clock changed during the incident\?\)\.$/);
  });
});
