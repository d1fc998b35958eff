import { describe, expect, it } from 'vitest';
import { updateCadence } from '../../../../../electron/common/incident/updateCadence';

const SEV = ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((id, rank) => ({ id, rank }));
const level = (id: string) => SEV.find((l) => l.id === id)!;

describe('updateCadence', () => {
  const k8s = 'Post the initial notification within 15 minutes of the page. While the incident is open,\npost an update every 30 minutes for SEV1/SEV2 (every 60 minutes for SEV3), even when nothing\nchanged; say so.';

  it('reads per-level cadences from the runbook’s sentence', () => {
    expect(updateCadence([k8s], level('SEV1'), SEV)).toMatchObject({ minutes: 30, source: 'runbook' });
    expect(updateCadence([k8s], level('SEV2'), SEV).minutes).toBe(30);
    expect(updateCadence([k8s], level('SEV3'), SEV).minutes).toBe(60);
    // SEV4 is named nowhere: the default for a non-top level.
    expect(updateCadence([k8s], level('SEV4'), SEV)).toMatchObject({ minutes: 60, source: 'default' });
  });

  it('takes hours, levels named before the figure, and general sentences', () => {
    const security = 'Internal updates go to the security bridge only. Post an update every 30 minutes for SEV1,\nevery 2 hours for SEV2. Nothing goes to customers.';
    expect(updateCadence([security], level('SEV2'), SEV).minutes).toBe(120);
    expect(updateCadence(['- [ ] While the incident is SEV1 or SEV2, post an update every 20 minutes'], level('SEV2'), SEV).minutes).toBe(20);
    expect(updateCadence(['ETA: Updates every 15 minutes'], level('SEV3'), SEV)).toMatchObject({ minutes: 15, source: 'runbook' });
  });

  it('ignores "every N minutes" that is not about updates, and falls back to 30 for the top level, 60 otherwise', () => {
    const cron = 'The backup job runs every 5 minutes. Check the disk every 10 minutes.';
    expect(updateCadence([cron], level('SEV1'), SEV)).toEqual({ minutes: 30, source: 'default', quote: null });
    expect(updateCadence([cron], level('SEV2'), SEV)).toEqual({ minutes: 60, source: 'default', quote: null });
  });
});
