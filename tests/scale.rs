//! Inputs that are large but legitimate: merging `--providers` attributes into
//! 50,000 providers, none of whom match, names each of them once.
//! (Merging 50,000 + 50,000 providers took 171 s before main's streaming
//! evidence: a lookup per provider that scanned the other file.) How long the
//! merge takes at 5,000 and 50,000 providers is `cargo bench --bench scale`,
//! which shows it growing linearly; no test here depends on the machine's speed.

use tierscore::evidence;
use tierscore::framework;

#[test]
fn merging_provider_attributes_warns_once_per_unmatched_provider() {
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
    let warnings = evidence::merge_attributes(&mut e, &attributes, "providers.csv");
    // p0…p49999 have no attributes, q0…q49999 no evidence: 2n warnings, the
    // evidence's first, in file order.
    assert_eq!(warnings.len(), 2 * n);
    assert!(warnings[0].message.contains("`p0` is not in providers.csv"));
    assert!(warnings[n].message.contains("`q0` has no evidence"));
}
