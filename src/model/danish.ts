/** Danish wording shared by every message: a list of names joined as a sentence says it. */

/** "a", "a og b", "a, b og c" (or with "eller"). */
export function danishList(items: readonly string[], conjunction: 'og' | 'eller' = 'og'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
