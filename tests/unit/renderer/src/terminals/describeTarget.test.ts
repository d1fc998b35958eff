import { describe, expect, it } from 'vitest';
import type { TerminalTabView } from '../../../../../electron/common/services/terminalService';
import { describeTarget } from '../../../../../renderer/src/terminals/describeTarget';

const tab: TerminalTabView = {
  tabId: 't1',
  incidentId: 'i1',
  title: 'Terminal 1',
  position: 0,
  active: true,
  sessionId: 's1',
  ended: null,
  state: 'idle',
  cwd: '/srv/app',
  host: 'web-3',
  kubeContext: 'prod-eu',
  kubeNamespace: 'payments',
  shell: '/bin/bash',
  captureOn: true,
  capturePaused: false,
  runningCommand: null,
};

describe('describeTarget', () => {
  it('names the tab, cwd and host', () => {
    expect(describeTarget(tab, ['df -h'], {})).toBe('Terminal 1, in /srv/app on web-3');
  });

  it('adds the Kubernetes context and namespace only when kubectl is involved, preferring the command’s own flags', () => {
    expect(describeTarget(tab, ['kubectl get pods'], {})).toContain('Kubernetes context prod-eu, namespace payments');
    expect(describeTarget(tab, ['kubectl --context staging delete pod x -n web'], {})).toContain('Kubernetes context staging, namespace web');
  });

  it('names the database host of a URL, in the command or in an input it uses, never the password', () => {
    const inCommand = describeTarget(tab, ["psql 'postgres://admin:s3cret@db-1.internal:5432/orders' -c 'select 1'"], {});
    expect(inCommand).toContain('database db-1.internal:5432/orders');
    expect(inCommand).not.toContain('s3cret');
    const viaInput = describeTarget(tab, ['psql "$DATABASE_URL" -c "select 1"'], { DATABASE_URL: 'postgresql://u:pw-123@replica.db:6432/app' });
    expect(viaInput).toContain('database replica.db:6432/app');
    expect(viaInput).not.toContain('pw-123');
  });

  it('says a new tab will open when the incident has none', () => {
    expect(describeTarget(undefined, ['ls'], {})).toContain('a new terminal tab');
  });
});
