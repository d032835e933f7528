//! Inputs that are large but legitimate must not take quadratic time.
//! (Merging 50,000 + 50,000 providers took 171 s before main's streaming evidence.)

use std::time::{Duration, Instant};

use tierscore::evidence;
use tierscore::framework;

#[test]
fn merging_provider_attributes_is_not_quadratic() {
    let fw = framework::load_str("mini.toml", include_str!("fixtures/mini.toml"))
        .expect("mini.toml loads")
        .framework;
    let n = 50_000;
    let text: String = std::iter::once("provider,staff\n".to_string())
        .chain((0..n).map(|i| format!("p{i},{}\n", i % 100)))
        .collect();
    let (mut e, _) = evidence::parse("e.csv", &text, &fw).expect("evidence parses");
    let attributes: evidence::Attributes = (0..n)
        .map(|i| (format!("q{i}"), Default::default()))
        .collect();
    let start = Instant::now();
    let warnings = evidence::merge_attributes(&mut e, &attributes, "providers.csv");
    assert_eq!(warnings.len(), 2 * n);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
}
