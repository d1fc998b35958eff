import { describe, expect, it } from 'vitest';
import type { TerminalTabView } from '../../../../../electron/common/services/terminalService';
import { sessionToTypeInto } from '../../../../../renderer/src/terminals/sessionTarget';

const tab = (runningCommand: string | null, sessionId: string | null = 'sess-1'): TerminalTabView => ({
  tabId: 'tab-1',
  incidentId: 'inc-1',
  title: 'Terminal 1',
  position: 0,
  active: true,
  sessionId,
  ended: null,
  state: 'idle',
  cwd: '/home/me',
  host: 'laptop',
  kubeContext: null,
  kubeNamespace: null,
  shell: '/bin/bash',
  captureOn: true,
  capturePaused: false,
  runningCommand,
});

describe('a step that runs inside a session', () => {
  const opener = 'oc rsh -n openshift-storage deploy/rook-ceph-tools';

  it('is typed into the tab while the tab is in that session', () => {
    expect(sessionToTypeInto(tab(opener), opener, 12)).toBe('sess-1');
    // Same program and verb, another pod of the same deployment.
    expect(sessionToTypeInto(tab('oc rsh rook-ceph-tools-79ccc8ddc5-77brq'), opener, 12)).toBe('sess-1');
  });

  it('is refused at this machine’s prompt, saying what to do', () => {
    expect(() => sessionToTypeInto(tab(null), opener, 12)).toThrow(/runs inside `oc rsh -n openshift-storage deploy\/rook-ceph-tools` \(opened on line 12.*at this machine's prompt/);
  });

  it('is refused while the tab runs something else, or when there is no terminal', () => {
    expect(() => sessionToTypeInto(tab('vim /etc/hosts'), opener, 12)).toThrow(/is running `vim \/etc\/hosts`/);
    expect(() => sessionToTypeInto(undefined, opener, 12)).toThrow(/no terminal is open/);
  });
});
