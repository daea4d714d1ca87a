//! Helpers shared by the integration tests that need the reference data in `../shared`.
//!
//! Such a test is marked
//! `#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]`:
//! `build.rs` sets `cfg(shared_data)` when the data is there or when `CI=true`, so a checkout
//! without the data reports the test as skipped (never as passed), and CI always runs it. When
//! it runs and the data is missing (CI, or `--run-ignored`), [`shared_path`] fails the test
//! with a message naming the path it looked for.

#![allow(dead_code)] // each test file uses some of these helpers

use std::path::{Path, PathBuf};

/// The folder above `data/` and `examples/`: `../shared` beside the repository.
fn shared_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The reference data folder: `$PETREL_EVAL_DATA` when set, else `../shared/data`.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("PETREL_EVAL_DATA") {
        Some(d) => PathBuf::from(d),
        None => shared_root().join("data"),
    }
}

/// `rel` under the reference data folder; panics, naming the path, when it is absent.
pub fn shared_path(rel: &str) -> PathBuf {
    require(data_dir().join(rel))
}

/// `rel` under `../shared/examples`; panics, naming the path, when it is absent.
pub fn shared_example(rel: &str) -> PathBuf {
    require(shared_root().join("examples").join(rel))
}

fn require(path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{} is missing: this test needs the shared reference data (set PETREL_EVAL_DATA to its \
         data folder, or run without CI=true to have the test skipped)",
        path.display()
    );
    path
}
