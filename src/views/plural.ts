/** "1 chore", "3 chores", "2 families": English words; the plural is -s unless given. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
