//! Analyses of one document that some rules share: computed by the first rule
//! that asks, kept with the document, and dropped with it.
//!
//! Families own their analyses (the dates family's token scan, the countries
//! family's reading of the article); the document only keeps them, keyed by
//! type, so that the document model need not know the families.

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, PoisonError};

type Slot = (TypeId, Arc<dyn Any + Send + Sync>);

/// The analyses computed so far for one document.
#[derive(Clone, Default)]
pub struct Analyses {
    slots: Arc<Mutex<Vec<Slot>>>,
}

impl std::fmt::Debug for Analyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.lock().len();
        write!(f, "Analyses({count} computed)")
    }
}

impl Analyses {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Slot>> {
        // A panic while the lock is held cannot leave a half-written slot:
        // slots are pushed whole.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The analysis of type `T`, computed by `compute` the first time.
    ///
    /// The lock is not held while computing, so an analysis may ask for
    /// another; if two threads compute the same one at once, the first to
    /// finish is kept and both get it.
    pub fn get_or_compute<T: Any + Send + Sync>(&self, compute: impl FnOnce() -> T) -> Arc<T> {
        if let Some(found) = self.find::<T>() {
            return found;
        }
        let computed: Arc<dyn Any + Send + Sync> = Arc::new(compute());
        let mut slots = self.lock();
        let id = TypeId::of::<T>();
        let kept = match slots.iter().find(|(slot, _)| *slot == id) {
            Some((_, earlier)) => Arc::clone(earlier),
            None => {
                slots.push((id, Arc::clone(&computed)));
                computed
            }
        };
        kept.downcast::<T>()
            .unwrap_or_else(|_| unreachable!("slots are keyed by their own type"))
    }

    fn find<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let id = TypeId::of::<T>();
        let slots = self.lock();
        let (_, found) = slots.iter().find(|(slot, _)| *slot == id)?;
        Arc::clone(found).downcast::<T>().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_analysis_is_computed_once() {
        let analyses = Analyses::default();
        let mut runs = 0;
        let first = analyses.get_or_compute(|| {
            runs += 1;
            vec![1, 2, 3]
        });
        let second = analyses.get_or_compute::<Vec<i32>>(|| unreachable!("computed already"));
        assert_eq!(runs, 1);
        assert!(Arc::ptr_eq(&first, &second));
    }

    #[test]
    fn analyses_of_different_types_are_kept_apart() {
        let analyses = Analyses::default();
        let words = analyses.get_or_compute(|| String::from("words"));
        let count = analyses.get_or_compute(|| 7_usize);
        assert_eq!((words.as_str(), *count), ("words", 7));
    }
}
