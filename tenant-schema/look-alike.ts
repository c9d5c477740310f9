/**
 * Keys that differ from a known key only by characters that look alike (Cyrillic or Greek letters
 * for Latin ones, full-width forms, invisible characters), so a message can say so instead of
 * "did you mean" a key that looks identical to what was written.
 */

/**
 * Letters that render like Latin letters in common fonts (a subset of Unicode's confusables.txt,
 * https://www.unicode.org/Public/security/latest/confusables.txt): Cyrillic and Greek.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  "\u0430": "a", "\u0432": "b", "\u0435": "e", "\u043a": "k", "\u043c": "m", "\u043d": "h", "\u043e": "o", "\u0440": "p",
  "\u0441": "c", "\u0442": "t", "\u0443": "y", "\u0445": "x", "\u0455": "s", "\u0456": "i", "\u0458": "j", "\u04bb": "h",
  "\u04cf": "l", "\u0501": "d", "\u051b": "q", "\u051d": "w",
  "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O", "\u0420": "P",
  "\u0421": "C", "\u0422": "T", "\u0425": "X", "\u0405": "S", "\u0406": "I", "\u0408": "J",
  "\u03b1": "a", "\u03b9": "i", "\u03ba": "k", "\u03bd": "v", "\u03bf": "o", "\u03c1": "p", "\u03c4": "t", "\u03c5": "u",
  "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z", "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M",
  "\u039d": "N", "\u039f": "O", "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X",
};

/** Characters that take no space: zero-width space, joiners, word joiner, byte-order mark, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const IS_INVISIBLE = /^[\u200b-\u200d\u2060\ufeff\u00ad]$/;

/** What `text` looks like when read: full-width forms folded (NFKC), invisible characters dropped, look-alikes replaced. */
function skeleton(text: string): string {
  return [...text.normalize("NFKC").replace(INVISIBLE, "")].map((char) => LOOK_ALIKES[char] ?? char).join("");
}

/** How a code point is written in a message: `"і" (U+0456)`. */
function describe(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return IS_INVISIBLE.test(char) ? `an invisible character (${code})` : `"${char}" (${code})`;
}

/**
 * The known key `key` imitates, with the characters that are not what they seem, or undefined
 * when `key` is plain text or imitates nothing known.
 */
export function lookAlikeOf(key: string, known: readonly string[]): { key: string; characters: string[] } | undefined {
  if (/^[\x20-\x7e]*$/.test(key)) return undefined;
  const seen = skeleton(key);
  const match = known.find((candidate) => candidate === seen);
  if (!match) return undefined;
  const characters = [...new Set([...key].filter((char) => char.charCodeAt(0) > 0x7e))].map(describe);
  return { key: match, characters };
}
