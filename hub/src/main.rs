//! The `hub` command: serve the dashboard and the GraphQL API, migrate, write demo data,
//! print the schema, import partners' files and export charts and tables. Each
//! command lives in its own module under `cli/`.

mod cli;

use clap::Parser;

/// jemalloc, configured in `.cargo/config.toml` to hand freed pages back a second
/// after they are freed: with glibc's allocator the frames' short-lived buffers kept
/// the resident memory near 900 MiB at a million answers (BENCHMARKS.md, "Memory and
/// pages at a million answers").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
