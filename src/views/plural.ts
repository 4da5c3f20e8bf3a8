/** "1 chore", "3 chores": English words with a plain -s plural. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
