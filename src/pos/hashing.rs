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

    /// Adds a word given by its [`word_hash`]: a template naming a word costs no pass over
    /// the word's bytes.
    #[inline]
    pub(crate) fn word(mut self, h: u64) -> Self {
        self.add_u64(h);
        self
    }

    #[inline]
    pub(crate) fn num(mut self, n: u32) -> Self {
        self.add_u64(n as u64 | 0xA5A5_0000_0000_0000);
        self
    }

    /// The 32-bit feature name.
    #[inline]
    pub(crate) fn finish(self) -> u32 {
        (mix64(self.0) >> 32) as u32
    }
}

/// The splitmix64 finalizer: spreads every input bit over the whole output.
#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A word's 64-bit hash, for [`FeatHasher::word`]: computed once per token, then shared by
/// every feature that names the word.
#[inline]
pub(crate) fn word_hash(s: &str) -> u64 {
    mix64(FeatHasher::new(254).str(s).0)
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

/// Packs a weight and its class into one `u32`: the f32's bits with the low byte (the last
/// 8 bits of mantissa) replaced by the class index. The tagger's and the first pass's
/// weight rows both hold weights this way.
#[inline]
pub(crate) fn pack_weight(class: u8, w: f32) -> u32 {
    (w.to_bits() & !0xff) | class as u32
}

/// The (class, weight) a [`pack_weight`] value holds.
#[inline]
pub(crate) fn unpack_weight(e: u32) -> (usize, f32) {
    ((e & 0xff) as usize, f32::from_bits(e & !0xff))
}

/// Feature weights keyed by 32-bit feature hashes, for scoring: open addressing with
/// linear probing, 16-byte slots. A slot holds its key and, for a feature with one or two
/// weights (five in six of the tagger's), the weights themselves, so scoring such a feature
/// costs one memory read; a feature with more points into `entries`. A weight is one `u32`
/// ([`pack_weight`]).
pub(crate) struct WeightTable {
    /// `[key, weight, weight, meta]`: meta 0 marks an empty slot; meta 1 or 2 counts the
    /// weights in the slot; otherwise `offset << 8 | count` (count >= 3) into `entries`.
    slots: Vec<[u32; 4]>,
    mask: usize,
    entries: Vec<u32>,
}

impl WeightTable {
    /// Builds the table from feature keys, each feature's weight count, and all weights in
    /// that order (packed as above). A feature with no weight is left out, and of two with
    /// one key the first wins. At most 255 weights per feature and 2^23 in all.
    pub(crate) fn new(keys: &[u32], counts: &[u8], weights: &[u32]) -> Self {
        let n = keys.len().max(8);
        let cap = (n + n / 3 + 1).next_power_of_two();
        let mask = cap - 1;
        let mut slots = vec![[0u32; 4]; cap];
        let mut entries = Vec::new();
        let mut at = 0usize;
        for (&k, &count) in keys.iter().zip(counts) {
            let ws = &weights[at..at + count as usize];
            at += count as usize;
            if ws.is_empty() {
                continue;
            }
            let mut i = spread(k) & mask;
            while slots[i][3] != 0 && slots[i][0] != k {
                i = (i + 1) & mask;
            }
            if slots[i][3] != 0 {
                continue; // first entry wins
            }
            slots[i] = match ws.len() {
                1 => [k, ws[0], 0, 1],
                2 => [k, ws[0], ws[1], 2],
                len => {
                    let offset = entries.len() as u32;
                    entries.extend_from_slice(ws);
                    [k, 0, 0, offset << 8 | len as u32]
                }
            };
        }
        WeightTable { slots, mask, entries }
    }

    /// Adds the weights of every feature in `keys` (absent ones add nothing) to `scores`,
    /// indexed by class. The first slots are all loaded before any is used, so their cache
    /// misses overlap.
    #[inline]
    pub(crate) fn add_scores<const N: usize>(&self, keys: &[u32], scores: &mut [f32; 256]) {
        let n = keys.len().min(N);
        let mut first = [[0u32; 4]; N];
        for i in 0..n {
            first[i] = self.slots[spread(keys[i]) & self.mask];
        }
        let add = |scores: &mut [f32; 256], e: u32| {
            let (class, w) = unpack_weight(e);
            scores[class] += w;
        };
        for i in 0..n {
            let mut s = first[i];
            if s[3] == 0 {
                continue; // empty first slot: the key is absent
            }
            if s[0] != keys[i] {
                match self.find(keys[i]) {
                    Some(found) => s = found,
                    None => continue,
                }
            }
            match s[3] & 0xff {
                1 => add(scores, s[1]),
                2 => {
                    add(scores, s[1]);
                    add(scores, s[2]);
                }
                count => {
                    let offset = (s[3] >> 8) as usize;
                    for &e in &self.entries[offset..offset + count as usize] {
                        add(scores, e);
                    }
                }
            }
        }
    }

    fn find(&self, k: u32) -> Option<[u32; 4]> {
        let mut i = spread(k) & self.mask;
        loop {
            let s = self.slots[i];
            if s[3] == 0 {
                return None;
            }
            if s[0] == k {
                return Some(s);
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
    fn weight_table_adds_inline_and_stored_weights() {
        let w = |class: u32, x: f32| pack_weight(class as u8, x);
        let feats: Vec<(u32, Vec<u32>)> = (1..300u32)
            .map(|i| (i.wrapping_mul(2654435761), (0..i % 4 + 1).map(|c| w(c, i as f32)).collect()))
            .collect();
        let keys: Vec<u32> = feats.iter().map(|f| f.0).collect();
        let counts: Vec<u8> = feats.iter().map(|f| f.1.len() as u8).collect();
        let weights: Vec<u32> = feats.iter().flat_map(|f| f.1.iter().copied()).collect();
        let t = WeightTable::new(&keys, &counts, &weights);
        for (k, ws) in &feats {
            let mut scores = [0f32; 256];
            t.add_scores::<4>(&[*k, 7], &mut scores);
            for c in 0..4 {
                let want = if (c as usize) < ws.len() { unpack_weight(ws[c as usize]).1 } else { 0.0 };
                assert_eq!(scores[c as usize], want, "feature {k} class {c}");
            }
        }
    }

    #[test]
    fn map_roundtrip() {
        let m = U32Map::with_entries((0..1000u32).map(|i| (i.wrapping_mul(2654435761), i)));
        for i in 0..1000u32 {
            assert_eq!(m.get(i.wrapping_mul(2654435761)), Some(i));
        }
        assert_eq!(m.get(7), None);
    }
}
