//! The dashboard's integration tests: charts drawn from hand-made comparison rows.

mod charts;
mod pages;
