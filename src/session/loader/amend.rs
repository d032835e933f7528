//! The `--amend` step of the [`Loader`].

use super::Loader;
use crate::evidence::Evidence;
use crate::framework::Framework;

impl Loader<'_> {
    /// `--amend`, read once and applied to each evidence file once its
    /// derived and panel values are in (SPEC §9); every error is at its line.
    pub(super) fn amend(&mut self, fw: &Framework, evidence: &mut Evidence) {
        let Some(path) = self.sources.amend.as_deref() else {
            return;
        };
        if self.amendments.is_none() {
            let read = crate::amend::load(path, self.encoding())
                .map_err(|d| self.problems.extend(d))
                .ok();
            self.amendments = Some(read);
        }
        if let Some(Some(file)) = &self.amendments {
            let (errors, warnings) = crate::amend::apply(fw, evidence, file)
                .into_iter()
                .partition::<Vec<_>, _>(|d| d.is_error());
            self.problems.extend(errors);
            self.warn(warnings);
        }
    }
}
