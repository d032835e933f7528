//! [`Dimensions`]: one provider's dimension scores, kept in one table for the
//! whole run.
//!
//! A run of 100,000 providers used to hold 100,000 small vectors of dimension
//! scores: 24 bytes each in the result, plus an allocation of its own (with the
//! allocator's header). Here every provider's scores stand in one table,
//! provider after provider in evidence order, and a result holds a shared
//! handle to the table and its row: 16 bytes, no allocation of its own. The
//! handle reads as a slice (`p.dimensions[d]`, `p.dimensions.iter()`,
//! `&p.dimensions[..]`), so code that reads scores does not see the table.

use std::ops::Deref;
use std::sync::Arc;

/// D per dimension in framework order for one provider; `None` when the
/// dimension was left out. Dereferences to `[Option<f64>]`.
#[derive(Clone)]
pub struct Dimensions {
    table: Arc<Table>,
    row: usize,
}

/// Every provider's dimension scores, `width` to a row.
#[derive(Debug, Default)]
pub(super) struct Table {
    values: Vec<Option<f64>>,
    width: usize,
}

impl Table {
    /// A table of `rows` rows of `width` scores, all `None`, to be filled
    /// through [`Table::rows_mut`].
    pub(super) fn new(rows: usize, width: usize) -> Table {
        Table {
            values: vec![None; rows * width],
            width,
        }
    }

    /// The rows, to fill in parallel (none when `width` is 0).
    pub(super) fn rows_mut(&mut self) -> rayon::slice::ChunksExactMut<'_, Option<f64>> {
        use rayon::slice::ParallelSliceMut;
        self.values.par_chunks_exact_mut(self.width.max(1))
    }

    /// The handle of row `row` of a filled table.
    pub(super) fn row(table: &Arc<Table>, row: usize) -> Dimensions {
        Dimensions {
            table: Arc::clone(table),
            row,
        }
    }
}

impl Dimensions {
    /// A placeholder shared by results whose row is not known yet.
    pub(super) fn empty() -> Dimensions {
        Dimensions::from(Vec::new())
    }
}

impl Deref for Dimensions {
    type Target = [Option<f64>];

    fn deref(&self) -> &[Option<f64>] {
        let width = self.table.width;
        self.table
            .values
            .get(self.row * width..(self.row + 1) * width)
            .unwrap_or_default()
    }
}

impl From<Vec<Option<f64>>> for Dimensions {
    /// One provider's scores in a table of their own (tests, and results
    /// scored one at a time).
    fn from(values: Vec<Option<f64>>) -> Dimensions {
        let width = values.len();
        Dimensions {
            table: Arc::new(Table { values, width }),
            row: 0,
        }
    }
}

impl Default for Dimensions {
    fn default() -> Dimensions {
        Dimensions::empty()
    }
}

impl<'a> IntoIterator for &'a Dimensions {
    type Item = &'a Option<f64>;
    type IntoIter = std::slice::Iter<'a, Option<f64>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Dimensions {
    /// Equal scores, wherever they are kept.
    fn eq(&self, other: &Dimensions) -> bool {
        self[..] == other[..]
    }
}

impl std::fmt::Debug for Dimensions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self[..].fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_a_shared_table_read_as_slices() {
        use rayon::prelude::*;
        let mut table = Table::new(3, 2);
        table.rows_mut().enumerate().for_each(|(r, row)| {
            row[0] = Some(r as f64);
            row[1] = (r != 1).then_some(10.0 * r as f64);
        });
        let table = Arc::new(table);
        let rows: Vec<Dimensions> = (0..3).map(|r| Table::row(&table, r)).collect();
        assert_eq!(rows[0][..], [Some(0.0), Some(0.0)]);
        assert_eq!(rows[1][..], [Some(1.0), None]);
        assert_eq!(rows[2][..], [Some(2.0), Some(20.0)]);
        assert_eq!(rows[1], Dimensions::from(vec![Some(1.0), None]));
        assert_eq!(format!("{:?}", rows[1]), "[Some(1.0), None]");
        assert_eq!((&rows[2]).into_iter().flatten().sum::<f64>(), 22.0);
        assert!(Dimensions::default().is_empty());
        // A framework without dimensions gives rows of width 0.
        let mut none = Table::new(4, 0);
        assert_eq!(none.rows_mut().count(), 0);
        assert!(Table::row(&Arc::new(none), 3).is_empty());
    }
}
