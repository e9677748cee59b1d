//! Looking at eight bytes of prose at once: which are ASCII letters. Each byte's low seven bits plus a bias carry into its
//! top bit when they reach the range's first value (and again past its
//! last), never into the next byte.

const ONES: u64 = u64::from_le_bytes([1; 8]);
const TOPS: u64 = ONES * 0x80;

/// The top bit of each byte of `word` whose value is in `low..=high` (ASCII).
fn in_range(word: u64, low: u8, high: u8) -> u64 {
    let seven = word & !TOPS;
    let from_low = seven + ONES * (0x80 - u64::from(low));
    let past_high = seven + ONES * (0x80 - u64::from(high) - 1);
    from_low & !past_high & !word & TOPS
}

/// The top bit of each byte that is an ASCII letter.
pub(super) fn letters(word: u64) -> u64 {
    // Setting bit 5 makes capitals small and no other byte a letter.
    in_range(word | (ONES * 0x20), b'a', b'z') & !word
}

/// Eight bytes from `chunk` (up to eight), the first lowest; missing ones
/// are NUL.
pub(super) fn eight(chunk: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(chunk) {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => {
            let mut eight = [0u8; 8];
            let len = chunk.len().min(8);
            eight[..len].copy_from_slice(&chunk[..len]);
            u64::from_le_bytes(eight)
        }
    }
}

/// The offsets of the bytes whose top bit `mask` sets, in a chunk of eight
/// starting at `base`, in order.
pub(super) fn offsets(base: usize, mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let byte = mask.trailing_zeros() as usize / 8;
        mask &= mask - 1;
        Some(base + byte)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_found_in_any_byte_of_eight() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let mut chunk = [b' '; 8];
                chunk[place] = byte;
                let word = eight(&chunk);
                let top = 0x80u64 << (place * 8);
                assert_eq!(letters(word) == top, byte.is_ascii_alphabetic(), "{byte}");
            }
        }
    }
}
