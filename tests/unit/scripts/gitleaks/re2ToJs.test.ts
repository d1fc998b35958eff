import { describe, expect, it } from 'vitest';
import { re2ToJs, Re2ConversionError } from '../../../../scripts/gitleaks/re2ToJs';
import { parseToml } from '../../../../scripts/gitleaks/toml';

const js = (re2: string) => {
  const { source, flags } = re2ToJs(re2);
  return new RegExp(source, flags);
};

describe('re2ToJs', () => {
  it('applies an inline (?i) from where it stands to the end of its group only', () => {
    const re = js(String.raw`\b(p8e-(?i)[a-z0-9]{4})x`);
    expect(re.test('p8e-AbC1x')).toBe(true);
    expect(re.test('P8E-abc1x')).toBe(false);
    expect(re.test('p8e-abc1X')).toBe(false);
  });

  it('turns case-insensitivity off inside (?-i:…)', () => {
    const re = js('(?i)(?:key|(?-i:[Aa]pi|API))=');
    expect(re.test('KEY=')).toBe(true);
    expect(re.test('Api=')).toBe(true);
    expect(re.test('aPI=')).toBe(false);
  });

  it('uses the i flag when the whole pattern folds (V8 keeps its fast literal search)', () => {
    expect(re2ToJs('(?i)ghp_[a-z0-9]{4}').flags).toBe('i');
    expect(re2ToJs('ghp_[a-z]{4}').flags).toBe('');
  });

  it('gives \\s, . and anchors their RE2 meaning', () => {
    expect(js(String.raw`a\sb`).test('a\vb')).toBe(false); // RE2's \s has no \v
    expect(js(String.raw`a\sb`).test('a\u00a0b')).toBe(false); // nor Unicode spaces
    expect(js('a.b').test('a\rb')).toBe(true); // . excludes only \n
    expect(js('a.b').test('a\nb')).toBe(false);
    expect(js('(?s:a.b)').test('a\nb')).toBe(true);
    expect(js(String.raw`x\z`).test('x\n')).toBe(false);
    expect(js('x$').test('x\ny')).toBe(false);
    expect(js('(?m)x$').test('x\ny')).toBe(true);
    expect(js('^a').test('b\na')).toBe(false);
  });

  it('reads POSIX classes, \\x escapes and named groups', () => {
    expect(js('[[:alnum:]]{3}').test('a1Z')).toBe(true);
    expect(js('[[:alnum:]]').test('_')).toBe(false);
    expect(js(String.raw`\x60x\x{41}`).test('`xA')).toBe(true);
    expect(js('(?P<secret>ab)').exec('ab')?.groups?.secret).toBe('ab');
  });

  it('splits off the identifier prefix and measures how many lines a match spans', () => {
    const r = re2ToJs(String.raw`(?i)[\w.-]{0,50}?(?:adafruit)[\s'"]{0,3}=([a-z]{4})`, { splitPrefix: true });
    expect(r.prefix).toEqual({ class: '[\\-.0-9A-Z_a-z]', max: 50 });
    expect(new RegExp(r.source, r.flags).exec('ADAFRUIT =abcd')?.[1]).toBe('abcd');
    expect(r.lineSpan).toBe(3);
    expect(re2ToJs('-----BEGIN[\\s\\S]*?END').lineSpan).toBeNull();
    expect(re2ToJs('ghp_[a-z]{36}').lineSpan).toBe(0);
  });

  it('refuses what it cannot translate faithfully, saying what', () => {
    expect(() => re2ToJs('(?U)a+')).toThrow(Re2ConversionError);
    expect(() => re2ToJs(String.raw`\pL+`)).toThrow(/Unicode class/);
    expect(() => re2ToJs('a(b')).toThrow(/expected \)/);
  });
});

describe('parseToml', () => {
  it('reads gitleaks-style tables, arrays of tables and literal strings', () => {
    const doc = parseToml(`title = "x"\n[allowlist]\nregexes = ['''^a$''', '''b''']\n[[rules]]\nid = "r1"\nentropy = 3.5\nkeywords = ["k1",\n  "k2",]\n[[rules.allowlists]]\nregexTarget = "match"\n[[rules]]\nid = "r2"\n`);
    expect(doc).toEqual({
      title: 'x',
      allowlist: { regexes: ['^a$', 'b'] },
      rules: [{ id: 'r1', entropy: 3.5, keywords: ['k1', 'k2'], allowlists: [{ regexTarget: 'match' }] }, { id: 'r2' }],
    });
  });

  it('names the line of what it cannot read', () => {
    expect(() => parseToml('a = 1\nb = {x = 1}\n')).toThrow(/line 2/);
  });
});
