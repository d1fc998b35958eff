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
  private readonly known = new Map<string, CommandFact>();

  of(text: string, client: string | undefined): CommandFact {
    // Shell keys start with NUL and client keys with the client's name (never empty, never NUL),
    // so a shell command and a client statement never share a key.
    const key = client ? `${client}\u0000${text}` : `\u0000${text}`;
    let fact = this.known.get(key);
    if (fact === undefined) {
      const verdict = classifyRisk(text, client ? { client } : {});
      fact = {
        risk: verdict.risk,
        reasons: verdict.reasons,
        placeholders: findPlaceholders(text, 'command'),
        // Statements typed into a client are not shell: `$1` in SQL is a parameter, not a variable.
        env: client ? null : findEnvReferences(text),
      };
      this.known.set(key, fact);
    }
    return fact;
  }
}
