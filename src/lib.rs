//! tierscore: score, tier and gap-check the providers of city-wide digital
//! transformation (城市全域数字化转型) against declarative indicator frameworks.
//!
//! Data flows one way: [`framework`] (TOML → validated model) and [`evidence`]
//! (CSV → values) feed [`score`] (pure arithmetic) and [`tier`] (grades and
//! vetoes); [`report`] renders; [`output`] writes; [`cli`] wires it to commands.
//! The library never prints: the CLI writes to the handles it is given.
#![forbid(unsafe_code)]
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod amend;
pub mod analysis;
pub mod cli;
pub mod compare;
pub mod confusable;
pub mod date;
pub mod diag;
pub mod diff;
pub mod evidence;
pub mod explain;
pub mod framework;
pub mod gap;
pub mod input;
pub mod number;
pub mod output;
pub mod panel;
pub mod progression;
pub mod rank;
pub mod records;
pub mod report;
pub mod required;
pub mod results;
pub mod round;
pub mod rule;
pub mod schema;
pub mod score;
pub mod session;
pub mod starter;
pub mod summary;
pub mod tier;
pub mod trend;
