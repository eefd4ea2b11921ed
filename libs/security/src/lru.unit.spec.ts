import { TtlLru } from './lru';

describe('TtlLru', () => {
  it('evicts the least recently used entry beyond its size', () => {
    const lru = new TtlLru<number>(2, 1000, () => 0);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('expires entries after the TTL', () => {
    let now = 0;
    const lru = new TtlLru<number>(10, 100, () => now);
    lru.set('a', 1);
    now = 99;
    expect(lru.get('a')).toBe(1);
    now = 100;
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('deletes', () => {
    const lru = new TtlLru<number>(10, 100);
    lru.set('a', 1);
    lru.delete('a');
    expect(lru.get('a')).toBeUndefined();
  });
});
