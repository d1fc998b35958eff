/**
 * What the rules say about one command text — its risk, placeholders and environment
 * references — worked out once per distinct text in a runbook. Runbooks repeat commands
 * (the same health check or `psql` line under every scenario), and each answer is a pure
 * function of the text and the client it is typed into, so repeats cost one lookup.
 */
import type { Risk } from './model';
import { classifyRisk, findEnvReferences, findPlaceholders, type EnvReferences } from './shell/index';

export interface CommandFact {
  risk: Risk;
  /** Shared between repeats: copy before handing it to a model object. */
  reasons: readonly string[];
  /** Shared between repeats: copy before handing it to a model object. */
  placeholders: readonly string[];
  /** What the shell command reads and assigns; null for input typed into a client. */
  env: EnvReferences | null;
}

export class CommandFacts {
  /** Shell commands by text. */
  private readonly shell = new Map<string, CommandFact>();
  /** Client input by client, then text (no joined key to build and hash per command). */
  private readonly clients = new Map<string, Map<string, CommandFact>>();

  of(text: string, client: string | undefined): CommandFact {
    let known = this.shell;
    if (client) {
      let byText = this.clients.get(client);
      if (byText === undefined) {
        byText = new Map();
        this.clients.set(client, byText);
      }
      known = byText;
    }
    let fact = known.get(text);
    if (fact === undefined) {
      const verdict = classifyRisk(text, client ? { client } : {});
      fact = {
        risk: verdict.risk,
        reasons: verdict.reasons,
        placeholders: findPlaceholders(text, 'command'),
        // Statements typed into a client are not shell: `$1` in SQL is a parameter, not a variable.
        env: client ? null : findEnvReferences(text),
      };
      known.set(text, fact);
    }
    return fact;
  }
}
