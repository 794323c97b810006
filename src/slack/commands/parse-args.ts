// Splits command text into words, keeping "quoted phrases" together, and finds the
// closest known word for a typo.

export function splitArgs(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const m of text.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
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
