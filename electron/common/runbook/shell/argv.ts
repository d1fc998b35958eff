/** Small helpers over argument vectors shared by the risk classifier and the splitter. */
import { PROGRAM_ALIASES } from './riskRules';

/** The program a command word names: basename, aliases resolved (`oc` → `kubectl`). */
export function programName(word: string): string {
  const slash = word.lastIndexOf('/');
  let name = slash >= 0 ? word.slice(slash + 1) : word;
  if (name.endsWith('.exe')) name = name.slice(0, -4);
  const alias = PROGRAM_ALIASES[name];
  if (alias) return alias;
  // Kafka ships its tools as `kafka-topics.sh` in tarballs and `kafka-topics` in packages.
  if (name.startsWith('kafka-') && name.endsWith('.sh')) return name.slice(0, -3);
  return name;
}

/**
 * Index of the first positional argument in `args` at or after `from`, skipping
 * options; `valueOptions` take the next word as their value. `--` ends options
 * (the index after it is returned).
 */
export function firstPositional(args: readonly string[], from: number, valueOptions: ReadonlySet<string>): number {
  let i = from;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === '--') return i + 1;
    if (a.length > 1 && a.startsWith('-')) {
      i += valueOptions.has(a) ? 2 : 1;
      continue;
    }
    return i;
  }
  return args.length;
}

/** Positional words (options and their values removed), in order. */
export function positionals(args: readonly string[], valueOptions: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let i = 0;
  let optionsDone = false;
  while (i < args.length) {
    const a = args[i] as string;
    if (!optionsDone && a === '--') {
      optionsDone = true;
      i++;
      continue;
    }
    if (!optionsDone && a.length > 1 && a.startsWith('-')) {
      i += valueOptions.has(a) ? 2 : 1;
      continue;
    }
    out.push(a);
    i++;
  }
  return out;
}

/** Value of an option given as `-c VALUE`, `--command VALUE` or `--command=VALUE`; all occurrences. */
export function optionValues(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    for (const name of names) {
      if (a === name && i + 1 < args.length) {
        out.push(args[i + 1] as string);
        i++;
        break;
      }
      if (name.startsWith('--') && a.startsWith(name + '=')) {
        out.push(a.slice(name.length + 1));
        break;
      }
    }
  }
  return out;
}

export function hasOption(args: readonly string[], names: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    for (const n of names) if (a === n || (n.startsWith('--') && a.startsWith(n + '='))) return true;
  }
  return false;
}
