import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectToServed } from './hostClient';
import { expect, startServedConsole, test, type ServedConsole } from './servedConsole';

/** Kills, at least as many as the issue asks for. */
const KILLS = 20;
/** Notes in flight at once: a responder's flood plus a busy terminal's records. */
const IN_FLIGHT = 16;

test('SIGKILL of warroom serve mid-stream loses no acknowledged event and leaves every chain intact', async () => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-kill-'));
  const acknowledged = new Set<string>();
  let incidentId = '';
  let served: ServedConsole | null = null;
  try {
    for (let round = 0; round <= KILLS; round++) {
      served = await startServedConsole([], dataDir);
      const client = await connectToServed(served);

      // Everything acknowledged before the last kill is there, and the record verifies.
      if (round === 0) {
        incidentId = (await client.incidents.create({ title: 'Crash drill', severity: 'SEV2' })).id;
      } else {
        const texts = new Set<string>();
        for (let after = 0; ; ) {
          const page = await client.incidents.getEvents(incidentId, after, 10_000);
          for (const event of page.events) if (event.kind === 'note') texts.add(event.payload.text);
          if (page.events.length === 0) break;
          after = page.events.at(-1)!.seq;
        }
        const missing = [...acknowledged].filter((text) => !texts.has(text));
        expect(missing, `round ${round}: acknowledged notes missing after SIGKILL`).toEqual([]);
        const chains = await client.incidents.verifyChains(incidentId);
        expect(chains.length).toBeGreaterThan(0);
        for (const chain of chains) expect(chain, `round ${round}: chain ${chain.deviceId}`).toMatchObject({ ok: true });
      }
      if (round === KILLS) break;

      // A stream of notes (and now and then a status change), each acknowledged on commit.
      let stopped = false;
      let sent = 0;
      const writer = async () => {
        while (!stopped) {
          const text = `round ${round} note ${sent++}`;
          try {
            if (sent % 25 === 0) await client.incidents.setStatus(incidentId, sent % 50 === 0 ? 'investigating' : 'identified');
            await client.incidents.addNote(incidentId, text);
            if (!stopped) acknowledged.add(text);
          } catch {
            return; // the connection died with the server: this note was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: IN_FLIGHT }, writer);
      // A random moment: sometimes before the first group commit, sometimes deep into the stream.
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 400));
      const exited = new Promise((resolve) => served!.process.once('exit', resolve));
      served.process.kill('SIGKILL');
      await exited;
      stopped = true;
      await Promise.all(writers);
      client.close();
      served = null;
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS * 5);
    test.info().annotations.push({ type: 'figures', description: `${KILLS} SIGKILLs, ${acknowledged.size} acknowledged notes, none lost` });
  } finally {
    if (served) await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
