import DataLoader from 'dataloader';

/**
 * A DataLoader that loads many keys with one query and hands each key its rows (or `empty`).
 * One is made per request, so nothing is cached across requests.
 */
export function batchLoader<K, V>(
  loadMany: (keys: readonly K[]) => Promise<Map<K, V>>,
  empty: (key: K) => V,
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const found = await loadMany(keys);
    return keys.map((k) => found.get(k) ?? empty(k));
  });
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
