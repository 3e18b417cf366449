//! Converts the shipped content (`content/*.toml`) to JSON for embedding.
//! The TOML stays the source people edit; the app parses the JSON at start,
//! several times faster, because the first screen waits for it. A file
//! that is not valid TOML fails the build here, naming the file.

use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo::rerun-if-changed=../../content");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let entries = fs::read_dir("../../content").expect("the content folder is there");
    for entry in entries {
        let path = entry.expect("content folder readable").path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("content file readable");
        let value: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
        let json = serde_json::to_string(&value).expect("TOML values are JSON values");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 file name");
        fs::write(Path::new(&out).join(format!("{name}.json")), json).expect("OUT_DIR writable");
    }
}
