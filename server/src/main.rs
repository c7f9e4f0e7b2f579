//! `credit-rules-server`: see `--help` and the package README.

use credit_rules_server::app;
use credit_rules_server::config::{Command, Config, USAGE};
use credit_rules_server::proxy::Proxy;
use credit_rules_server::store;
use std::net::SocketAddr;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned());
    let config = match Config::parse(args, |name| std::env::var(name).ok()) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("credit-rules-server: {message}");
            return ExitCode::from(2);
        }
    };
    let router = match app::router(&config) {
        Ok(router) => router,
        Err(message) => {
            eprintln!("credit-rules-server: {message}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "credit-rules-server: cannot listen on {}:{}: {error} (try another --port, or --port 0)",
                config.host, config.port
            );
            return ExitCode::FAILURE;
        }
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => {
            eprintln!("credit-rules-server: cannot read the listening address: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The router has built the same client already, so this cannot fail unless the CA file
    // changed in between.
    let upstream = match config.upstream.clone().map(Proxy::new).transpose() {
        Ok(proxy) => proxy.map(|proxy| proxy.describe()),
        Err(message) => {
            eprintln!("credit-rules-server: {message}");
            return ExitCode::FAILURE;
        }
    };
    announce(&config, upstream.as_deref(), address);
    if let Err(error) = axum::serve(listener, router).await {
        eprintln!("credit-rules-server: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The startup lines. `listening on <url>` is for scripts (tests parse it with `--port 0`);
/// `Open <url>#token=...` is for people: the page reads its token from the fragment, which
/// browsers never send to the server or in a Referer.
/// In proxy mode, `upstream` says which upstream and how its certificate is verified.
fn announce(config: &Config, upstream: Option<&str>, address: SocketAddr) {
    match &config.upstream {
        Some(proxied) => {
            println!(
                "credit-rules-server {}: proxy mode, forwarding valid credits to {}",
                env!("CARGO_PKG_VERSION"),
                proxied.base_url
            );
            if let Some(described) = upstream {
                println!("upstream {described}");
            }
        }
        None => println!(
            "credit-rules-server {}: sandbox mode, credits stored in {}",
            env!("CARGO_PKG_VERSION"),
            config.data_dir.join(store::FILE_NAME).display()
        ),
    }
    println!("listening on http://{address}");
    // A wildcard address is not something a browser can open; loopback reaches it.
    let mut open = address;
    if address.ip().is_unspecified() {
        open.set_ip(match address {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    println!("Open http://{open}/#token={}", config.token);
    if config.token_generated {
        println!("(a new token for this run; set CREDIT_RULES_TOKEN to keep one across restarts)");
    }
}
