//! The provider sections, written to the output as they are made.
//!
//! A large report is mostly provider sections (a few KB each, 40,000 of them
//! make well over 100 MB). Holding them all and writing them with one call
//! costs memory and leaves the cores idle while the kernel copies the text, so
//! they are made a batch at a time on every core, each chunk of [`PER_CHUNK`]
//! sections into a buffer of its own, and a batch is written (on this thread)
//! while the next one is made (on another): writing overlaps making, and only
//! two batches (a few MB) exist at once. The buffers are reused from batch to
//! batch, so after the first ones no memory is allocated. The bytes are
//! exactly those of the sections made one after the other.

use rayon::prelude::*;
use std::io::Write;
use std::ops::Range;

/// Sections per chunk, a buffer of a few hundred KB: one `write` each.
const PER_CHUNK: usize = 64;
/// Chunks per batch: enough for both cores, few enough to stay small.
const CHUNKS: usize = 8;

/// Writes `render(buffer, i)` for every `i` of `0..count` to `out`, in order.
pub fn write_in_order(
    out: &mut dyn Write,
    count: usize,
    render: impl Fn(&mut String, usize) + Sync,
) -> std::io::Result<()> {
    write_chunks_in_order(out, count, PER_CHUNK, |buffer, chunk| {
        chunk.for_each(|i| render(buffer, i));
    })
}

/// Writes `render(buffer, chunk)` for every chunk of `per_chunk` items of
/// `0..count` to `out`, in order, a batch of chunks made on every core while
/// the one before is written; `buffer` comes cleared, and is reused.
pub fn write_chunks_in_order(
    out: &mut dyn Write,
    count: usize,
    per_chunk: usize,
    render: impl Fn(&mut String, Range<usize>) + Sync,
) -> std::io::Result<()> {
    let per_chunk = per_chunk.max(1);
    let make = |buffers: &mut [String], batch: Range<usize>| {
        let chunks = batch.len().div_ceil(per_chunk);
        buffers[..chunks]
            .par_iter_mut()
            .enumerate()
            .for_each(|(c, buffer)| {
                buffer.clear();
                let start = batch.start + c * per_chunk;
                render(buffer, start..batch.end.min(start + per_chunk));
            });
        chunks
    };
    let batch = per_chunk * CHUNKS;
    let mut batches = (0..count.div_ceil(batch)).map(|b| b * batch..count.min((b + 1) * batch));
    let mut ready = vec![String::new(); CHUNKS];
    let mut spare = vec![String::new(); CHUNKS];
    let Some(first) = batches.next() else {
        return Ok(());
    };
    let mut filled = make(&mut ready, first);
    loop {
        let next = batches.next();
        let (written, made) = std::thread::scope(|scope| {
            let making = scope.spawn(|| next.map(|batch| make(&mut spare, batch)));
            let written = ready[..filled]
                .iter()
                .try_for_each(|text| out.write_all(text.as_bytes()));
            // A panic while making sections is a bug; pass it on as it is.
            let made = making
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, made)
        });
        written?;
        match made {
            Some(count) => {
                std::mem::swap(&mut ready, &mut spare);
                filled = count;
            }
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item once and in order, for counts around the chunk and batch sizes.
    #[test]
    fn writes_every_item_in_order() {
        let batch = PER_CHUNK * CHUNKS;
        for n in [
            0,
            1,
            PER_CHUNK - 1,
            PER_CHUNK + 1,
            batch,
            batch + 1,
            3 * batch + 7,
        ] {
            let mut out = Vec::new();
            write_in_order(&mut out, n, |buffer, i| {
                buffer.push_str(&i.to_string());
                buffer.push(',');
            })
            .unwrap();
            let expected: String = (0..n).map(|i| format!("{i},")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} items");
        }
    }

    /// A failed write is reported, and nothing after it is written.
    #[test]
    fn a_failed_write_stops_the_stream() {
        /// Takes `room` writes, then fails; counts the writes tried.
        struct Full {
            room: usize,
            tried: usize,
        }
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.tried += 1;
                if self.tried > self.room {
                    return Err(std::io::Error::other("disk full"));
                }
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full { room: 2, tried: 0 };
        let result = write_in_order(&mut full, PER_CHUNK * CHUNKS * 3, |b, i| {
            b.push_str(&i.to_string())
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        // One write per chunk: two went through, the third failed, none followed.
        assert_eq!(full.tried, 3);
    }
}
