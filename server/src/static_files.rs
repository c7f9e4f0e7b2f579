//! The demo page (`www/`) and the WebAssembly package (`pkg/`), read from disk per request so
//! that a rebuild shows on reload.
//!
//! A request path is percent-decoded, then every segment must be a plain name: no `..`, no
//! `.`, no empty segment, no hidden file, no backslash. The file found must still lie inside
//! its root once symbolic links are resolved.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};

/// Which directory a request reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// The demo page, served at `/`.
    Www,
    /// The WebAssembly package, served at `/pkg/`.
    Pkg,
}

/// The two directories static files come from.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    www: PathBuf,
    pkg: PathBuf,
}

impl StaticFiles {
    /// Serves `www` at `/` and `pkg` at `/pkg/`.
    pub fn new(www: PathBuf, pkg: PathBuf) -> StaticFiles {
        StaticFiles { www, pkg }
    }

    /// The file at `raw_path` (as it appears in the URL, after the root's prefix) in `root`.
    pub async fn serve(&self, root: Root, raw_path: &str) -> Response {
        let dir = match root {
            Root::Www => &self.www,
            Root::Pkg => &self.pkg,
        };
        let Some(relative) = relative_path(raw_path) else {
            return not_found();
        };
        let Ok(canonical_root) = tokio::fs::canonicalize(dir).await else {
            return missing_root(root, dir);
        };
        let Ok(file) = tokio::fs::canonicalize(canonical_root.join(&relative)).await else {
            return not_found();
        };
        // A symbolic link may point anywhere; only what resolves inside the root is served.
        if !file.starts_with(&canonical_root) {
            return not_found();
        }
        match tokio::fs::metadata(&file).await {
            Ok(metadata) if metadata.is_file() => {}
            _ => return not_found(),
        }
        match tokio::fs::read(&file).await {
            Ok(bytes) => (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(content_type(raw_path)),
                    ),
                    // Always revalidate: a rebuilt pkg/ must show on the next reload.
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                ],
                bytes,
            )
                .into_response(),
            Err(_) => not_found(),
        }
    }
}

/// The content type for a file name, by its extension.
pub fn content_type(name: &str) -> &'static str {
    let name = name.to_ascii_lowercase();
    // `.d.ts` before anything else: `.ts` alone is also MPEG transport streams' extension.
    if name.ends_with(".d.ts") || name.ends_with(".ts") {
        return "text/plain; charset=utf-8";
    }
    match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The relative file path a URL path names, or `None` when it tries to leave its root or is
/// not a plain file name.
fn relative_path(raw_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(raw_path)?;
    let mut path = PathBuf::new();
    for segment in decoded.split('/') {
        let plain = !segment.is_empty()
            && !segment.starts_with('.')
            && !segment.contains(['\\', '\0', ':']);
        if !plain {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

/// Decodes `%XX` escapes; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let high = hex_value(*bytes.get(index + 1)?)?;
            let low = hex_value(*bytes.get(index + 2)?)?;
            out.push(high * 16 + low);
            index += 3;
        } else {
            out.push(byte);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

fn plain_text(status: StatusCode, text: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        text,
    )
        .into_response()
}

fn not_found() -> Response {
    plain_text(StatusCode::NOT_FOUND, "Not found.\n".into())
}

fn missing_root(root: Root, dir: &Path) -> Response {
    let text = match root {
        Root::Pkg => format!(
            "The WebAssembly package is not built: {} does not exist.\n\
             Run the build first (wasm-pack build --target web, as the project's README says), \
             or start the server with --pkg DIR.\n",
            dir.display()
        ),
        Root::Www => format!(
            "The demo page is missing: {} does not exist. Start the server with --www DIR.\n",
            dir.display()
        ),
    };
    plain_text(StatusCode::NOT_FOUND, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_follow_the_extension() {
        let table = [
            ("index.html", "text/html; charset=utf-8"),
            ("credit_rules.js", "text/javascript; charset=utf-8"),
            ("credit_rules_bg.wasm", "application/wasm"),
            ("style.css", "text/css; charset=utf-8"),
            ("package.json", "application/json"),
            ("credit_rules.d.ts", "text/plain; charset=utf-8"),
            ("logo.PNG", "image/png"),
            ("icon.svg", "image/svg+xml"),
            ("LICENSE", "application/octet-stream"),
        ];
        for (name, expected) in table {
            assert_eq!(content_type(name), expected, "{name}");
        }
    }

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        let refused = [
            "../Cargo.toml",
            "%2e%2e/Cargo.toml",
            "..%2fCargo.toml",
            "a/../../b",
            "./a",
            ".git/config",
            "a//b",
            "a/",
            "",
            "..\\Cargo.toml",
            "C:/x",
            "a%00b",
            "%zz",
            "%ff",
        ];
        for path in refused {
            assert_eq!(relative_path(path), None, "{path:?}");
        }
        assert_eq!(relative_path("js/app.js"), Some(PathBuf::from("js/app.js")));
        assert_eq!(relative_path("a%20b.css"), Some(PathBuf::from("a b.css")));
    }
}
