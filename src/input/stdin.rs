//! Standard input, read once and shared when a command reads it more than once.
//!
//! Stdin can be read only once. `validate F1 F2 -e -` checks the same evidence
//! against each framework, reading it once per framework, so the second reader
//! would find stdin empty ("the file is empty"). A command that reads `-` more
//! than once calls [`share`] first: the first read then keeps the bytes for the
//! later ones (at the cost of one copy in memory, within the input limit).

use std::io::Read;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static SHARED: AtomicBool = AtomicBool::new(false);
static BYTES: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();

/// Makes every later read of stdin return the same bytes.
pub fn share() {
    SHARED.store(true, Ordering::Relaxed);
}

/// Reads at most `limit` bytes of stdin into `bytes`; the number read.
pub fn read(bytes: &mut Vec<u8>, limit: u64) -> std::io::Result<usize> {
    if !SHARED.load(Ordering::Relaxed) {
        return std::io::stdin().lock().take(limit).read_to_end(bytes);
    }
    let kept = BYTES.get_or_init(|| {
        let mut all = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut all)
            .map(|_| all)
            .map_err(|e| e.to_string())
    });
    match kept {
        Ok(all) => {
            bytes.extend_from_slice(all);
            Ok(all.len())
        }
        Err(e) => Err(std::io::Error::other(e.clone())),
    }
}
