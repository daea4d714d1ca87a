//! Build steps that must happen before compiling:
//!
//! 1. Embeds every file under `dictionaries/` into the binary, so petrel runs with no data
//!    files beside it: generates `$OUT_DIR/builtin_dictionaries.rs` holding a sorted table of
//!    (relative path, contents) pairs.
//! 2. Sets `cfg(shared_data)` when the shared reference data (`../shared/data`, or
//!    `$PETREL_EVAL_DATA`) is present, or when `CI=true`. Tests that need that data are marked
//!    `#[cfg_attr(not(shared_data), ignore = ...)]`, so a checkout without it reports them as
//!    skipped instead of passing them silently, while CI always runs them (and they fail,
//!    naming the missing path, if the data is not there).

use std::path::{Path, PathBuf};
use std::{env, fs};

/// Every `.txt`/`.tsv` file under `root`, walked with an explicit stack (no recursion).
fn dictionary_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            // `file_type` does not follow symlinks, so a link loop cannot make the walk endless.
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                pending.push(path);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "tsv")) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn embed_dictionaries(manifest: &Path) {
    let root = manifest.join("dictionaries");
    println!("cargo:rerun-if-changed=dictionaries");
    let mut code = String::from(
        "/// Built-in dictionary files: (path relative to `dictionaries/`, contents).\npub static BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    for f in dictionary_files(&root) {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("builtin_dictionaries.rs");
    fs::write(out, code).unwrap();
}

fn detect_shared_data(manifest: &Path) {
    println!("cargo::rustc-check-cfg=cfg(shared_data)");
    println!("cargo:rerun-if-env-changed=PETREL_EVAL_DATA");
    println!("cargo:rerun-if-env-changed=CI");
    let dir = match env::var_os("PETREL_EVAL_DATA") {
        Some(d) => PathBuf::from(d),
        None => manifest.join("../shared/data"),
    };
    // Re-run when the folder appears or disappears (a missing path makes Cargo re-run always,
    // which is what a checkout without the data needs: the check is cheap).
    println!("cargo:rerun-if-changed={}", dir.display());
    let ci = env::var("CI").is_ok_and(|v| v == "true");
    if dir.is_dir() || ci {
        println!("cargo::rustc-cfg=shared_data");
    }
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    embed_dictionaries(&manifest);
    detect_shared_data(&manifest);
}
