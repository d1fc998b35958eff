/** ssh options that take a value (OpenSSH), so the word after them is not the destination. */
const SSH_OPTS_WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/**
 * The destination of an `ssh` command line (`ssh -p 2222 ops@db-1` → `ops@db-1`), for a tab
 * to show where a nested session points; undefined for anything else.
 */
export function sshTarget(commandLine: string): string | undefined {
  const words = commandLine.trim().split(/\s+/);
  const program = words[0] ?? '';
  if (program.slice(program.lastIndexOf('/') + 1) !== 'ssh') return undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') return words[i + 1];
    if (!word.startsWith('-')) return word;
    if (word.length === 2 && SSH_OPTS_WITH_VALUE.has(word[1] ?? '')) i++;
  }
  return undefined;
}
