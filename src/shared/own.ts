// Lookups in tables keyed by outside input ("constructor", "__proto__" are keys of every object literal):
// only the table's own entries count.

export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
