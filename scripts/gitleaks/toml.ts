/**
 * Just enough TOML for gitleaks' configuration: `key = value` pairs, `[table]` and
 * `[[array.of.tables]]` headers (nested as `rules.allowlists` under the last `rules` entry),
 * and values that are strings (basic, literal, multi-line literal), numbers, booleans or
 * arrays of those. Anything else is an error naming the line, so an update of the vendored
 * file that uses more of TOML fails loudly here instead of converting wrongly.
 */

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export function parseToml(text: string): TomlTable {
  const root: TomlTable = {};
  let current: TomlTable = root;
  let pos = 0;
  const lineAt = (at: number) => text.slice(0, at).split('\n').length;
  const fail = (message: string): never => {
    throw new Error(`TOML line ${lineAt(pos)}: ${message}`);
  };

  const skipSpaceAndComments = (newlines: boolean) => {
    for (;;) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) pos++;
      else if (c === '#') while (pos < text.length && text[pos] !== '\n') pos++;
      else return;
    }
  };

  const parseKey = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaceAndComments(false);
      const bare = /^[A-Za-z0-9_-]+/.exec(text.slice(pos, pos + 200));
      if (bare) {
        parts.push(bare[0]);
        pos += bare[0].length;
      } else if (text[pos] === '"' || text[pos] === "'") parts.push(parseString());
      else fail('expected a key');
      skipSpaceAndComments(false);
      if (text[pos] !== '.') return parts;
      pos++;
    }
  };

  const parseString = (): string => {
    if (text.startsWith("'''", pos)) {
      const end = text.indexOf("'''", pos + 3);
      if (end === -1) fail('unterminated multi-line literal string');
      let value = text.slice(pos + 3, end);
      if (value.startsWith('\n')) value = value.slice(1);
      pos = end + 3;
      return value;
    }
    if (text.startsWith('"""', pos)) fail('multi-line basic strings are not supported');
    const quote = text[pos];
    pos++;
    let value = '';
    while (pos < text.length && text[pos] !== quote) {
      const c = text[pos]!;
      if (c === '\n') fail('newline in a string');
      if (quote === '"' && c === '\\') {
        const e = text[pos + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          pos += 2;
        } else if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          value += String.fromCodePoint(parseInt(text.slice(pos + 2, pos + 2 + len), 16));
          pos += 2 + len;
        } else fail(`unknown escape \\${e}`);
        continue;
      }
      value += c;
      pos++;
    }
    if (text[pos] !== quote) fail('unterminated string');
    pos++;
    return value;
  };

  const parseValue = (): TomlValue => {
    skipSpaceAndComments(false);
    const c = text[pos];
    if (c === '"' || c === "'") return parseString();
    if (c === '[') {
      pos++;
      const items: TomlValue[] = [];
      for (;;) {
        skipSpaceAndComments(true);
        if (text[pos] === ']') {
          pos++;
          return items;
        }
        items.push(parseValue());
        skipSpaceAndComments(true);
        if (text[pos] === ',') pos++;
        else if (text[pos] !== ']') fail('expected , or ] in an array');
      }
    }
    const word = /^(?:true|false|[+-]?\d+(?:\.\d+)?)/.exec(text.slice(pos, pos + 40));
    if (!word) return fail('unsupported value');
    pos += word[0].length;
    if (word[0] === 'true' || word[0] === 'false') return word[0] === 'true';
    return Number(word[0]);
  };

  const tableAt = (path: string[], arrayEntry: boolean): TomlTable => {
    let table = root;
    for (const [i, part] of path.entries()) {
      const last = i === path.length - 1;
      let next = table[part];
      if (last && arrayEntry) {
        if (next === undefined) next = table[part] = [];
        if (!Array.isArray(next)) fail(`${path.join('.')} is not an array of tables`);
        const entry: TomlTable = {};
        (next as TomlValue[]).push(entry);
        return entry;
      }
      if (next === undefined) next = table[part] = {};
      // A path through an array of tables continues in its last entry (`rules.allowlists`).
      if (Array.isArray(next)) next = next[next.length - 1] as TomlValue;
      if (typeof next !== 'object' || next === null || Array.isArray(next)) return fail(`${path.join('.')} is not a table`);
      table = next as TomlTable;
    }
    return table;
  };

  for (;;) {
    skipSpaceAndComments(true);
    if (pos >= text.length) return root;
    if (text[pos] === '[') {
      const array = text[pos + 1] === '[';
      pos += array ? 2 : 1;
      const path = parseKey();
      if (text[pos] !== ']' || (array && text[pos + 1] !== ']')) fail('unterminated table header');
      pos += array ? 2 : 1;
      current = tableAt(path, array);
      continue;
    }
    const key = parseKey();
    if (text[pos] !== '=') fail('expected =');
    pos++;
    const value = parseValue();
    let table = current;
    for (const part of key.slice(0, -1)) table = (table[part] ??= {}) as TomlTable;
    const name = key[key.length - 1]!;
    if (name in table) fail(`duplicate key ${key.join('.')}`);
    table[name] = value;
    skipSpaceAndComments(false);
    if (pos < text.length && text[pos] !== '\n') fail('expected the end of the line');
  }
}
