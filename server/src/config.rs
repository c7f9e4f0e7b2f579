//! The command line and environment: what to listen on, where files live, which token to
//! require, and whether to forward to a real upstream.

use crate::proxy::UPSTREAM_TIMEOUT;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The port when neither `--port` nor `CREDIT_RULES_PORT` says otherwise.
pub const DEFAULT_PORT: u16 = 8787;

/// The usage text printed by `--help`.
pub const USAGE: &str = "\
credit-rules-server: a local sandbox of Metronome's customer-credits API

USAGE:
    credit-rules-server [OPTIONS]

OPTIONS:
    --port N        port to listen on, 0 picks a free one  [env CREDIT_RULES_PORT, default 8787]
    --host ADDR     address to listen on                   [default 127.0.0.1]
    --data DIR      where credits.sqlite3 lives            [default <workspace>/data]
    --www DIR       the demo page                          [default <workspace>/www]
    --pkg DIR       the wasm-pack output, served at /pkg/  [default <workspace>/pkg]
    --upstream URL  proxy mode: the API base URL, such as  [env CREDIT_RULES_UPSTREAM]
                    https://api.metronome.com (http:// for local tests);
                    needs env METRONOME_API_TOKEN
    --upstream-ca FILE  proxy mode: PEM CA certificate(s)  [env CREDIT_RULES_UPSTREAM_CA]
                    trusted for an https:// upstream besides the compiled-in
                    Mozilla roots (a private upstream); verification is always on
    -h, --help      print this text

ENVIRONMENT:
    CREDIT_RULES_TOKEN    the bearer token clients must send (default: a random one, printed)
    METRONOME_API_TOKEN   the real token sent upstream in proxy mode
";

/// Everything the server needs to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on, such as `127.0.0.1` or `::1`.
    pub host: String,
    /// The port to listen on; 0 lets the OS pick a free one.
    pub port: u16,
    /// The directory holding `credits.sqlite3` (created if missing).
    pub data_dir: PathBuf,
    /// The directory of the demo page, served at `/`.
    pub www_dir: PathBuf,
    /// The directory of the WebAssembly package, served at `/pkg/`.
    pub pkg_dir: PathBuf,
    /// The bearer token every API request must carry.
    pub token: String,
    /// Whether [`Config::token`] was generated rather than given.
    pub token_generated: bool,
    /// Proxy mode: where to forward, and with which token.
    pub upstream: Option<Upstream>,
}

/// The real API that proxy mode forwards to.
#[derive(Clone)]
pub struct Upstream {
    /// The base URL without a trailing slash, such as `https://api.metronome.com` or
    /// `http://127.0.0.1:9000`.
    pub base_url: String,
    /// The real API token, sent as `Authorization: Bearer`.
    pub token: String,
    /// A PEM file of CA certificates trusted for an `https://` upstream, besides the
    /// compiled-in roots (`--upstream-ca`).
    pub ca_file: Option<PathBuf>,
    /// How long one exchange with the upstream may take before a 504: [`UPSTREAM_TIMEOUT`]
    /// (tests shorten it).
    pub timeout: Duration,
}

impl Upstream {
    /// An upstream at `base_url` (no trailing slash) with the real `token`, verified against
    /// the compiled-in roots only.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Upstream {
        Upstream {
            base_url: base_url.into(),
            token: token.into(),
            ca_file: None,
            timeout: UPSTREAM_TIMEOUT,
        }
    }

    /// Whether the upstream is reached over TLS (`https://`).
    pub fn is_https(&self) -> bool {
        self.base_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    }
}

impl std::fmt::Debug for Upstream {
    // The real token must not end up in logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("ca_file", &self.ca_file)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// What the command line asks for.
#[allow(clippy::large_enum_variant)] // made once per run: boxing would buy nothing
#[derive(Debug)]
pub enum Command {
    /// Run the server.
    Run(Config),
    /// Print [`USAGE`] and exit.
    Help,
}

/// The workspace root: the parent of this package's directory, fixed at build time.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

impl Config {
    /// A sandbox configuration with the defaults, a fixed token and the given directories:
    /// what tests start from.
    pub fn new(token: impl Into<String>, data_dir: PathBuf) -> Config {
        let root = workspace_root();
        Config {
            host: "127.0.0.1".into(),
            port: DEFAULT_PORT,
            data_dir,
            www_dir: root.join("www"),
            pkg_dir: root.join("pkg"),
            token: token.into(),
            token_generated: false,
            upstream: None,
        }
    }

    /// Reads the command line (without the program name) and the environment (`env` looks a
    /// variable up). Errors are one line, ready to print.
    pub fn parse<I, E>(args: I, env: E) -> Result<Command, String>
    where
        I: IntoIterator<Item = String>,
        E: Fn(&str) -> Option<String>,
    {
        // An empty variable counts as unset, as shells make that easy to do by accident.
        let env = |name: &str| env(name).filter(|value| !value.trim().is_empty());
        let root = workspace_root();
        let mut port = None;
        let mut host = None;
        let mut data_dir = None;
        let mut www_dir = None;
        let mut pkg_dir = None;
        let mut upstream_url = None;
        let mut upstream_ca = None;

        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag.to_owned(), Some(value.to_owned()))
                }
                _ => (arg.clone(), None),
            };
            if flag == "-h" || flag == "--help" {
                return Ok(Command::Help);
            }
            let slot = match flag.as_str() {
                "--port" => &mut port,
                "--host" => &mut host,
                "--data" => &mut data_dir,
                "--www" => &mut www_dir,
                "--pkg" => &mut pkg_dir,
                "--upstream" => &mut upstream_url,
                "--upstream-ca" => &mut upstream_ca,
                _ => return Err(format!("unknown argument {arg:?} (see --help)")),
            };
            let value = match inline.or_else(|| args.next()) {
                Some(value) => value,
                None => return Err(format!("{flag} needs a value (see --help)")),
            };
            *slot = Some(value);
        }

        let port = match port.or_else(|| env("CREDIT_RULES_PORT")) {
            Some(text) => text
                .trim()
                .parse::<u16>()
                .map_err(|_| format!("the port must be a number from 0 to 65535, not {text:?}"))?,
            None => DEFAULT_PORT,
        };
        let (token, token_generated) = match env("CREDIT_RULES_TOKEN") {
            Some(token) => {
                let token = token.trim().to_owned();
                if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    return Err(
                        "CREDIT_RULES_TOKEN must not contain spaces or control characters".into(),
                    );
                }
                (token, false)
            }
            None => (generate_token(), true),
        };
        let ca_file = upstream_ca
            .or_else(|| env("CREDIT_RULES_UPSTREAM_CA"))
            .map(PathBuf::from);
        let upstream = match upstream_url.or_else(|| env("CREDIT_RULES_UPSTREAM")) {
            Some(url) => Some(Upstream {
                base_url: parse_upstream_url(&url)?,
                token: env("METRONOME_API_TOKEN")
                    .map(|token| token.trim().to_owned())
                    .ok_or("proxy mode (--upstream) needs the real API token in env METRONOME_API_TOKEN")?,
                ca_file,
                timeout: UPSTREAM_TIMEOUT,
            }),
            None if ca_file.is_some() => {
                return Err(
                    "--upstream-ca (or CREDIT_RULES_UPSTREAM_CA) is for proxy mode: give --upstream too"
                        .into(),
                )
            }
            None => None,
        };
        if let Some(upstream) = &upstream {
            if upstream.ca_file.is_some() && !upstream.is_https() {
                return Err(format!(
                    "--upstream-ca (or CREDIT_RULES_UPSTREAM_CA) verifies an https:// upstream; \
                     {} is plain HTTP, which has no certificate",
                    upstream.base_url
                ));
            }
            if upstream
                .token
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(
                    "METRONOME_API_TOKEN must not contain spaces or control characters".into(),
                );
            }
        }

        Ok(Command::Run(Config {
            host: host.unwrap_or_else(|| "127.0.0.1".into()),
            port,
            data_dir: data_dir
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("data")),
            www_dir: www_dir
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("www")),
            pkg_dir: pkg_dir
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("pkg")),
            token,
            token_generated,
            upstream,
        }))
    }
}

/// A random token: 122 random bits from the OS, as 32 hex digits.
pub fn generate_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Checks an upstream base URL and drops its trailing slashes.
fn parse_upstream_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    let uri: axum::http::Uri = text.parse().map_err(|_| {
        format!("the upstream must be a URL like http://127.0.0.1:9000, not {text:?}")
    })?;
    match uri.scheme_str() {
        Some(scheme)
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {}
        _ => {
            return Err(format!(
                "the upstream must start with https:// (or http:// for a local test), not {text:?}"
            ))
        }
    }
    if uri.authority().is_none() || uri.query().is_some() {
        return Err(format!(
            "the upstream must be a base URL like https://api.metronome.com, not {text:?}"
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Result<Config, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        match Config::parse(args.iter().map(|a| a.to_string()), lookup)? {
            Command::Run(config) => Ok(config),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults_come_from_the_workspace_root() {
        let config = run(&[], &[]).unwrap();
        assert_eq!(config.port, DEFAULT_PORT);
        assert_eq!(config.host, "127.0.0.1");
        assert_eq!(config.data_dir, workspace_root().join("data"));
        assert_eq!(config.www_dir, workspace_root().join("www"));
        assert!(config.token_generated);
        assert_eq!(config.token.len(), 32);
        assert!(config.upstream.is_none());
    }

    #[test]
    fn flags_win_over_the_environment() {
        let config = run(
            &[
                "--port",
                "0",
                "--host=::1",
                "--data",
                "/tmp/d",
                "--pkg",
                "/tmp/p",
            ],
            &[
                ("CREDIT_RULES_PORT", "9999"),
                ("CREDIT_RULES_TOKEN", " secret "),
            ],
        )
        .unwrap();
        assert_eq!(config.port, 0);
        assert_eq!(config.host, "::1");
        assert_eq!(config.data_dir, PathBuf::from("/tmp/d"));
        assert_eq!(config.pkg_dir, PathBuf::from("/tmp/p"));
        assert_eq!(config.token, "secret");
        assert!(!config.token_generated);
        assert_eq!(
            run(&[], &[("CREDIT_RULES_PORT", "9999")]).unwrap().port,
            9999
        );
    }

    #[test]
    fn bad_input_is_a_one_line_error() {
        assert!(run(&["--port", "x"], &[]).unwrap_err().contains("port"));
        assert!(run(&["--port"], &[]).unwrap_err().contains("needs a value"));
        assert!(run(&["--bogus"], &[])
            .unwrap_err()
            .contains("unknown argument"));
        assert!(run(&["--upstream", "http://x"], &[])
            .unwrap_err()
            .contains("METRONOME_API_TOKEN"));
        assert!(
            run(&["--upstream", "ftp://x"], &[("METRONOME_API_TOKEN", "t")])
                .unwrap_err()
                .contains("https://")
        );
        assert!(run(&["--upstream-ca", "/tmp/ca.pem"], &[])
            .unwrap_err()
            .contains("--upstream"));
        assert!(run(
            &[
                "--upstream",
                "http://127.0.0.1:9000",
                "--upstream-ca",
                "/tmp/ca.pem"
            ],
            &[("METRONOME_API_TOKEN", "t")]
        )
        .unwrap_err()
        .contains("plain HTTP"));
        let spaced = run(
            &["--upstream", "https://x"],
            &[("METRONOME_API_TOKEN", "secret token")],
        )
        .unwrap_err();
        assert!(spaced.contains("METRONOME_API_TOKEN"), "{spaced}");
        assert!(!spaced.contains("secret"), "{spaced}");
        assert_eq!(run(&["--help"], &[]).unwrap_err(), "help");
    }

    #[test]
    fn upstream_drops_trailing_slashes_and_hides_its_token() {
        let config = run(
            &[],
            &[
                ("CREDIT_RULES_UPSTREAM", "http://127.0.0.1:9000/"),
                ("METRONOME_API_TOKEN", "real"),
            ],
        )
        .unwrap();
        let upstream = config.upstream.unwrap();
        assert_eq!(upstream.base_url, "http://127.0.0.1:9000");
        assert!(!upstream.is_https());
        assert!(upstream.ca_file.is_none());
        assert!(!format!("{upstream:?}").contains("real"));
    }

    #[test]
    fn https_upstreams_are_accepted_with_an_optional_ca_file() {
        let config = run(
            &["--upstream", "https://api.metronome.com/"],
            &[("METRONOME_API_TOKEN", "real")],
        )
        .unwrap();
        let upstream = config.upstream.unwrap();
        assert_eq!(upstream.base_url, "https://api.metronome.com");
        assert!(upstream.is_https());
        assert!(upstream.ca_file.is_none());

        let from_flag = run(
            &[
                "--upstream=https://10.0.0.5:8443",
                "--upstream-ca",
                "/etc/ca.pem",
            ],
            &[
                ("METRONOME_API_TOKEN", "real"),
                ("CREDIT_RULES_UPSTREAM_CA", "/other.pem"),
            ],
        )
        .unwrap();
        assert_eq!(
            from_flag.upstream.unwrap().ca_file,
            Some(PathBuf::from("/etc/ca.pem"))
        );
        let from_env = run(
            &[],
            &[
                ("CREDIT_RULES_UPSTREAM", "https://10.0.0.5:8443"),
                ("CREDIT_RULES_UPSTREAM_CA", "/other.pem"),
                ("METRONOME_API_TOKEN", "real"),
            ],
        )
        .unwrap();
        let upstream = from_env.upstream.unwrap();
        assert_eq!(upstream.ca_file, Some(PathBuf::from("/other.pem")));
        assert!(!format!("{upstream:?}").contains("real"));
    }
}
