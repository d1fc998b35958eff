/**
 * The redactor's prefilter: one pass over a text that finds every occurrence of every rule
 * keyword (ASCII case-insensitive), before any regular expression runs. An Aho–Corasick
 * automaton, as gitleaks uses: the cost is one table lookup per character however many
 * keywords there are (a regex alternation of ~250 keywords is 2–3× slower in V8, and a
 * `toLowerCase()` copy of 50 MB alone costs half a second).
 *
 * Keywords are ASCII; a non-ASCII character simply restarts the automaton.
 */

export interface KeywordHits {
  /** Position of each hit (start of the keyword), in text order. */
  positions: Int32Array;
  /** The keyword index of each hit (same order). */
  keywords: Int32Array;
}

export class KeywordScanner {
  private readonly classOf = new Uint8Array(128);
  private readonly shift: number;
  private readonly table: Int32Array;
  /** States numbered from here up end at least one keyword. */
  private readonly firstOutput: number;
  /** Per state (renumbered): the keywords ending there are outputList[outputFrom[s], outputFrom[s + 1]). */
  private readonly outputs: number[][];
  private readonly outputFrom: Int32Array;
  private readonly outputList: Int32Array;
  private readonly lengths: Int32Array;

  constructor(readonly keywords: readonly string[]) {
    let classes = 1; // 0: a character in no keyword
    for (const word of keywords) {
      for (const ch of word) {
        const code = ch.charCodeAt(0);
        if (code >= 128) throw new Error(`keyword ${JSON.stringify(word)} is not ASCII`);
        if (this.classOf[code] !== 0) continue;
        const lower = ch.toLowerCase().charCodeAt(0);
        const upper = ch.toUpperCase().charCodeAt(0);
        this.classOf[lower] = classes;
        this.classOf[upper] = classes;
        classes++;
      }
    }
    if (classes > 256) throw new Error('too many distinct keyword characters');
    this.shift = Math.max(1, Math.ceil(Math.log2(classes)));
    const width = 1 << this.shift;

    // Trie, then failure links breadth-first (the textbook construction).
    const go: Int32Array[] = [new Int32Array(width).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((word, index) => {
      let state = 0;
      for (const ch of word.toLowerCase()) {
        const k = this.classOf[ch.charCodeAt(0)]!;
        if (go[state]![k] === -1) {
          go.push(new Int32Array(width).fill(-1));
          out.push([]);
          go[state]![k] = go.length - 1;
        }
        state = go[state]![k]!;
      }
      out[state]!.push(index);
    });
    const fail = new Int32Array(go.length);
    const queue: number[] = [];
    for (let k = 0; k < width; k++) {
      const next = go[0]![k]!;
      if (next <= 0 || k === 0) go[0]![k] = k === 0 ? 0 : Math.max(next, 0);
      else queue.push(next);
    }
    go[0]![0] = 0;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (let k = 0; k < width; k++) {
        const next = go[state]![k]!;
        if (k === 0) go[state]![k] = 0;
        else if (next === -1) go[state]![k] = go[fail[state]!]![k]!;
        else {
          fail[next] = go[fail[state]!]![k]!;
          out[next] = [...out[next]!, ...out[fail[next]!]!];
          queue.push(next);
        }
      }
    }
    // Renumber so that every state with output comes last: one comparison per character.
    const order = [...go.keys()].sort((a, b) => Number(out[a]!.length > 0) - Number(out[b]!.length > 0) || a - b);
    const renamed = new Int32Array(go.length);
    order.forEach((old, i) => (renamed[old] = i));
    this.table = new Int32Array(go.length * width);
    order.forEach((old, i) => {
      for (let k = 0; k < width; k++) this.table[i * width + k] = renamed[go[old]![k]!]!;
    });
    const firstOutput = order.findIndex((old) => out[old]!.length > 0);
    this.firstOutput = firstOutput === -1 ? go.length : firstOutput;
    this.outputs = order.map((old) => out[old]!);
    this.outputFrom = new Int32Array(this.outputs.length + 1);
    this.outputs.forEach((list, i) => (this.outputFrom[i + 1] = this.outputFrom[i]! + list.length));
    this.outputList = Int32Array.from(this.outputs.flat());
    this.lengths = Int32Array.from(keywords, (k) => k.length);
    this.start = renamed[0]!;
  }

  private readonly start: number;

  /** Every keyword occurrence in `text`. Typed arrays throughout: a log can hold a million hits. */
  scan(text: string): KeywordHits {
    let positions: Int32Array = new Int32Array(1024);
    let keywords: Int32Array = new Int32Array(1024);
    let n = 0;
    const { classOf, table, shift, firstOutput, outputFrom, outputList, lengths } = this;
    let state = this.start;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      state = table[(state << shift) | (code < 128 ? classOf[code]! : 0)]!;
      if (state >= firstOutput) {
        for (let o = outputFrom[state]!, end = outputFrom[state + 1]!; o < end; o++) {
          if (n === positions.length) {
            positions = grow(positions);
            keywords = grow(keywords);
          }
          const k = outputList[o]!;
          positions[n] = i + 1 - lengths[k]!;
          keywords[n++] = k;
        }
      }
    }
    return { positions: positions.subarray(0, n), keywords: keywords.subarray(0, n) };
  }

  /** Which keywords occur in `text` at all (for short texts, where positions do not matter). */
  present(text: string): Set<number> {
    const found = new Set<number>();
    const { classOf, table, shift, firstOutput, outputs } = this;
    let state = this.start;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = table[(state << shift) | (code < 128 ? classOf[code]! : 0)]!;
      if (state >= firstOutput) for (const k of outputs[state]!) found.add(k);
    }
    return found;
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
