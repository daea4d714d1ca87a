//! The taggers' model files: a little-endian reader (and the varint writer) shared by the
//! statistical tagger ([`super::perceptron`]) and its first pass ([`super::prior`]), and the
//! word affixes both take features from. (The model files themselves are in `model/`.)

/// The last `n` characters of `s` (all of it if shorter).
pub(super) fn suffix(s: &str, n: usize) -> &str {
    let mut it = s.char_indices().rev();
    let mut start = s.len();
    for _ in 0..n {
        match it.next() {
            Some((i, _)) => start = i,
            None => return s,
        }
    }
    &s[start..]
}

/// The first `n` characters of `s` (all of it if shorter).
pub(super) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A model file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tagger model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// Reads a little-endian model file front to back; errors name the byte offset.
pub(super) struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(b: &'a [u8]) -> Self {
        Reader { b, pos: 0 }
    }
    /// Whether every byte has been read.
    pub(super) fn at_end(&self) -> bool {
        self.pos == self.b.len()
    }
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.pos + n > self.b.len() {
            return Err(ModelError(format!("truncated at byte {}", self.pos)));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(super) fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    pub(super) fn u16(&mut self) -> Result<u16, ModelError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    pub(super) fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub(super) fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u32) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 28 {
                return Err(ModelError(format!("bad varint at byte {}", self.pos)));
            }
        }
    }
}

/// Writes `v` as [`Reader::varint`] reads it back.
pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
