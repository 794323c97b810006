// Splits command text into words, keeping "quoted phrases" together, and finds the
// closest known word for a typo.

// macOS and iOS turn typed quotes into curly ones, and not always a matching pair (a quote
// after a space may come out as ” too), so any double quote opens or closes a phrase.
const QUOTE = '"“”„‟″';
const WORD = new RegExp(`[${QUOTE}]([^${QUOTE}]*)[${QUOTE}]|(\\S+)`, 'g');
const EDGE_QUOTES = new RegExp(`^[${QUOTE}]+|[${QUOTE}]+$`, 'g');

export function splitArgs(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => m[1] ?? m[2] ?? '');
}

/** The first word (quotes removed) and the raw text after it, as typed. */
export function firstWord(text: string): { word: string | undefined; rest: string } {
  // matchAll works on a copy, so the shared pattern's position is never left behind.
  const m = text.matchAll(WORD).next().value;
  if (!m) return { word: undefined, rest: '' };
  return { word: m[1] ?? m[2], rest: text.slice(m.index + m[0].length).trim() };
}

/** Text without the quotes around it, straight or curly. */
export function unquote(text: string): string {
  return text.trim().replace(EDGE_QUOTES, '').trim();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known word within two edits of `typed` (or an anagram of it), if any. */
export function closest(typed: string, known: string[]): string | undefined {
  const sorted = [...typed].sort().join('');
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    const d = [...word].sort().join('') === sorted ? 1 : distance(typed, word);
    if (d <= 2 && (!best || d < best.d)) best = { word, d };
  }
  return best?.word;
}
