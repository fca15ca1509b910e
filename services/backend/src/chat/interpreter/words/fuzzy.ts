/** Edit distance (insertions, deletions, substitutions), for telling a misspelt word from an unrelated one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** True when `word` is one of `words` give or take a typo: one edit for short words, two for longer ones. */
export function isNearly(word: string, words: readonly string[]): boolean {
  const text = word.toLowerCase();
  const allowed = text.length <= 4 ? 1 : 2;
  return words.some((candidate) => editDistance(text, candidate) <= allowed);
}
