//! The command line and environment: what to listen on, where files live, which token to
//! require, and whether to forward to a real upstream.

use std::path::{Path, PathBuf};

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
    --upstream URL  proxy mode: the API base URL, http://  [env CREDIT_RULES_UPSTREAM]
                    only; needs env METRONOME_API_TOKEN
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
    /// The base URL without a trailing slash, such as `http://127.0.0.1:9000`.
    pub base_url: String,
    /// The real API token, sent as `Authorization: Bearer`.
    pub token: String,
}

impl std::fmt::Debug for Upstream {
    // The real token must not end up in logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// What the command line asks for.
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
        let upstream = match upstream_url.or_else(|| env("CREDIT_RULES_UPSTREAM")) {
            Some(url) => Some(Upstream {
                base_url: parse_upstream_url(&url)?,
                token: env("METRONOME_API_TOKEN")
                    .map(|token| token.trim().to_owned())
                    .ok_or("proxy mode (--upstream) needs the real API token in env METRONOME_API_TOKEN")?,
            }),
            None => None,
        };

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
        Some("http") => {}
        Some("https") => {
            return Err(
                "https upstreams need a TLS-enabled HTTP client, which this build leaves out; \
                 use an http:// upstream (a local fake, or a TLS-terminating tunnel)"
                    .into(),
            )
        }
        _ => {
            return Err(format!(
                "the upstream must start with http://, not {text:?}"
            ))
        }
    }
    if uri.authority().is_none() || uri.query().is_some() {
        return Err(format!(
            "the upstream must be a base URL like http://127.0.0.1:9000, not {text:?}"
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
        let https = run(
            &["--upstream", "https://api.metronome.com"],
            &[("METRONOME_API_TOKEN", "t")],
        );
        assert!(https.unwrap_err().contains("TLS"));
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
        assert!(!format!("{upstream:?}").contains("real"));
    }
}
