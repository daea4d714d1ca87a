//! Feature hashing and a compact open-addressing table keyed by 32-bit hashes.
//!
//! The tagger names every feature by a 32-bit hash of (template, strings...). Hashes are
//! computed the same way on every platform (explicit little-endian reads), so a model file
//! trained on one machine works on any other.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Incremental hasher for one feature.
#[derive(Clone, Copy)]
pub(crate) struct FeatHasher(u64);

impl FeatHasher {
    #[inline]
    pub(crate) fn new(template: u8) -> Self {
        FeatHasher((template as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    #[inline]
    fn add_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(K);
    }

    /// Adds a byte string, followed by a separator so ("ab","c") differs from ("a","bc").
    #[inline]
    pub(crate) fn bytes(mut self, b: &[u8]) -> Self {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self.add_u64(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.add_u64(u64::from_le_bytes(last) ^ ((rest.len() as u64 + 1) << 59));
        self
    }

    #[inline]
    pub(crate) fn str(self, s: &str) -> Self {
        self.bytes(s.as_bytes())
    }

    #[inline]
    pub(crate) fn num(mut self, n: u32) -> Self {
        self.add_u64(n as u64 | 0xA5A5_0000_0000_0000);
        self
    }

    /// The 32-bit feature name.
    #[inline]
    pub(crate) fn finish(self) -> u32 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 32) as u32
    }
}

/// Hash of a plain string (lexicon keys).
#[inline]
pub(crate) fn str_hash(s: &str) -> u32 {
    FeatHasher::new(255).str(s).finish()
}

/// An immutable map from 32-bit keys to 32-bit values, open addressing with linear probing.
/// A slot packs (key, value + 1); value + 1 == 0 marks an empty slot.
pub(crate) struct U32Map {
    slots: Vec<u64>,
    mask: usize,
}

impl U32Map {
    pub(crate) fn with_entries(entries: impl ExactSizeIterator<Item = (u32, u32)>) -> Self {
        let n = entries.len().max(8);
        let cap = (n + n / 3 + 1).next_power_of_two();
        let mut slots = vec![0u64; cap];
        let mask = cap - 1;
        for (k, v) in entries {
            let mut i = spread(k) & mask;
            loop {
                let s = slots[i];
                if s == 0 {
                    slots[i] = ((k as u64) << 32) | (v as u64 + 1);
                    break;
                }
                if (s >> 32) as u32 == k {
                    break; // first entry wins
                }
                i = (i + 1) & mask;
            }
        }
        U32Map { slots, mask }
    }

    /// Looks up many keys at once: `out[i]` gets `keys[i]`'s value, or `u32::MAX` when absent.
    /// The first probes are loaded in one pass with no branch between them, so their cache
    /// misses overlap; only keys whose first slot holds another key probe further. Several
    /// times faster than `get` in a loop when the table is larger than the caches.
    #[inline]
    pub(crate) fn get_many(&self, keys: &[u32], out: &mut [u32]) {
        debug_assert!(out.len() >= keys.len());
        let mut first = [0u64; 64];
        for chunk in (0..keys.len()).step_by(64) {
            let end = (chunk + 64).min(keys.len());
            for i in chunk..end {
                first[i - chunk] = self.slots[spread(keys[i]) & self.mask];
            }
            for i in chunk..end {
                let s = first[i - chunk];
                out[i] = if s == 0 {
                    u32::MAX
                } else if (s >> 32) as u32 == keys[i] {
                    (s as u32).wrapping_sub(1)
                } else {
                    self.get(keys[i]).unwrap_or(u32::MAX)
                };
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, k: u32) -> Option<u32> {
        let mut i = spread(k) & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if (s >> 32) as u32 == k {
                return Some((s as u32).wrapping_sub(1));
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[inline]
fn spread(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> 3) as usize ^ k as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_separated() {
        let a = FeatHasher::new(1).str("ab").str("c").finish();
        let b = FeatHasher::new(1).str("a").str("bc").finish();
        let c = FeatHasher::new(2).str("ab").str("c").finish();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, FeatHasher::new(1).str("ab").str("c").finish());
    }

    #[test]
    fn map_roundtrip() {
        let m = U32Map::with_entries((0..1000u32).map(|i| (i.wrapping_mul(2654435761), i)));
        for i in 0..1000u32 {
            assert_eq!(m.get(i.wrapping_mul(2654435761)), Some(i));
        }
        assert_eq!(m.get(7), None);
        let keys: Vec<u32> = (0..100u32).map(|i| i.wrapping_mul(2654435761)).chain([7, 9]).collect();
        let mut out = vec![0; keys.len()];
        m.get_many(&keys, &mut out);
        assert_eq!(&out[..100], &(0..100).collect::<Vec<u32>>()[..]);
        assert_eq!(&out[100..], &[u32::MAX, u32::MAX]);
    }
}
