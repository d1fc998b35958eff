import { describe, expect, it } from 'vitest';
import { sshTarget } from '../../../../../../electron/node/services/terminals/sshTarget';

describe('sshTarget', () => {
  it('finds the destination after options and their values', () => {
    expect(sshTarget('ssh ops@db-1')).toBe('ops@db-1');
    expect(sshTarget('ssh -p 2222 -i ~/.ssh/id -A bastion.example')).toBe('bastion.example');
    expect(sshTarget('/usr/bin/ssh -- host-9')).toBe('host-9');
  });

  it('is undefined for anything but ssh', () => {
    expect(sshTarget('psql -h db-1')).toBeUndefined();
    expect(sshTarget('sshd -t')).toBeUndefined();
  });
});
