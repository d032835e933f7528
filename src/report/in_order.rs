//! Text for many items written on every core and joined in their order.

use rayon::prelude::*;

/// Items per task: large enough to amortize a task, small enough to keep
/// both cores busy to the end.
pub const CHUNK: usize = 256;

/// Writes to `out` the text `render(start, chunk)` of every chunk of `items`
/// ([`CHUNK`] items from index `start`), in order: a `String`, or the bytes
/// of a text known to be UTF-8 by the way it was written (JSON), with no
/// check of its encoding. Chunks are rendered in
/// parallel a batch at a time, and a batch is written before the next is
/// rendered: only one batch's text is ever in memory.
pub fn write<I: Sync, T: AsRef<[u8]> + Send>(
    out: &mut dyn std::io::Write,
    items: &[I],
    render: impl Fn(usize, &[I]) -> T + Sync,
) -> std::io::Result<()> {
    for texts in batches(items, &render) {
        texts.iter().try_for_each(|t| out.write_all(t.as_ref()))?;
    }
    Ok(())
}

/// The texts of each batch's chunks, rendered in parallel when the batch is reached.
fn batches<'a, I: Sync, T: Send>(
    items: &'a [I],
    render: &'a (impl Fn(usize, &[I]) -> T + Sync),
) -> impl Iterator<Item = Vec<T>> + 'a {
    const BATCH: usize = CHUNK * 32;
    items.chunks(BATCH).enumerate().map(move |(b, batch)| {
        batch
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| render(b * BATCH + c * CHUNK, chunk))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item once, in order, with its index, across chunks and batches.
    #[test]
    fn keeps_the_order() {
        let items: Vec<usize> = (0..CHUNK * 70 + 5).collect();
        let mut out = Vec::new();
        write(&mut out, &items, |start, chunk| {
            chunk
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    assert_eq!(start + i, *x);
                    format!("{x},")
                })
                .collect::<String>()
        })
        .unwrap();
        let expected: String = items.iter().map(|x| format!("{x},")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
