//! FNV-1a, 64 bits: a tiny hash that gives the same value on every build and
//! platform, for what copydesk writes to disk and reads back in a later run
//! (baseline fingerprints, cache keys). `std`'s hashers promise neither.

/// An FNV-1a 64-bit hasher.
#[derive(Clone, Copy, Debug)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    /// Hashes `bytes` as they are.
    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// Hashes one field of several: its length first, so that ("ab", "c")
    /// and ("a", "bc") differ.
    pub fn field(&mut self, bytes: &[u8]) {
        self.write(&(bytes.len() as u64).to_le_bytes());
        self.write(bytes);
    }

    /// The hash of everything written so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::StableHasher;

    #[test]
    fn the_hash_is_fnv1a_and_fields_are_length_prefixed() {
        assert_eq!(StableHasher::default().finish(), 0xcbf2_9ce4_8422_2325);
        let mut hasher = StableHasher::default();
        hasher.write(b"a");
        // FNV-1a 64 of "a", as published with the algorithm: a changed value
        // would change every baseline fingerprint in users' CI.
        assert_eq!(hasher.finish(), 0xaf63_dc4c_8601_ec8c);
        let mut one = StableHasher::default();
        one.field(b"ab");
        one.field(b"c");
        let mut two = StableHasher::default();
        two.field(b"a");
        two.field(b"bc");
        assert_ne!(one.finish(), two.finish());
    }
}
