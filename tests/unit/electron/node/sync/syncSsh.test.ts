/**
 * The team sync through ssh://, to a throwaway sshd on 127.0.0.1 with a throwaway key: git
 * runs its own ssh, War Room only hands it the URL. Skipped (and says why) where OpenSSH's
 * server is not installed; `.ci/run` installs Debian's openssh-server so CI always runs it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allObjectsText, bareRemote, makeLaptop, noteTexts } from './syncHarness';

const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((p) => fs.existsSync(p));
const SSH_KEYGEN = ['/usr/bin/ssh-keygen'].find((p) => fs.existsSync(p));
const whyNot = !SSHD ? 'no sshd on this machine (install openssh-server)' : !SSH_KEYGEN ? 'no ssh-keygen on this machine' : null;
if (whyNot) console.warn(`syncSsh.test.ts skipped: ${whyNot}`);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}

/** An sshd on 127.0.0.1 that lets in only the throwaway key, as the current user. */
async function startSshd(): Promise<{ port: number; sshCommand: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-sshd-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.chmodSync(dir, 0o700);
  execFileSync(SSH_KEYGEN!, ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
  execFileSync(SSH_KEYGEN!, ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    // git-upload-pack and git-receive-pack must be found on the server side.
    `SetEnv PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'sshd_config'), config + '\n');
  // Debian's sshd, started as root, wants its privilege-separation folder.
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn(SSHD!, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  cleanups.push(() => child.kill('SIGTERM'));
  await waitForPort(port, child, () => log);
  const sshCommand = `ssh -i ${path.join(dir, 'client_key')} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR`;
  return { port, sshCommand };
}

describe.skipIf(whyNot !== null)('warroom sync over ssh://', { timeout: 120_000 }, () => {
  it('two laptops share an incident through an ssh:// remote; the remote holds no secret', async () => {
    const { port, sshCommand } = await startSshd();
    const previous = process.env.GIT_SSH_COMMAND;
    process.env.GIT_SSH_COMMAND = sshCommand;
    cleanups.push(() => {
      if (previous === undefined) delete process.env.GIT_SSH_COMMAND;
      else process.env.GIT_SSH_COMMAND = previous;
    });
    const repo = bareRemote(cleanups);
    const url = `ssh://${os.userInfo().username}@127.0.0.1:${port}${repo}`;
    const a = makeLaptop('alice', cleanups);
    const b = makeLaptop('bob', cleanups);
    const incident = a.store.createIncidentSync({ title: 'Payments down', severity: 'SEV1' });
    await a.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'rotated key: export STRIPE_SECRET=sk_live_51HxQvXk2Yz8Wq3Rt5Uv7Wx9Za1Bc3De5' } });
    expect(await a.sync(url)).toMatchObject({ pushed: 2, initialised: true });
    expect(await b.sync(url)).toMatchObject({ pulled: 2, devices: 1 });
    await b.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'bob: confirmed' } });
    await b.sync();
    // Bob's note and his record of importing Alice's events.
    expect(await a.sync()).toMatchObject({ pulled: 2, devices: 1 });
    expect(noteTexts(a.store, incident.id)).toHaveLength(2);
    expect(allObjectsText(repo)).not.toContain('sk_live_51HxQvXk2Yz8Wq3Rt5Uv7Wx9Za1Bc3De5');
  });
});
