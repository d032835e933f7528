//! The two-halves reader and line numbers against the whole-file reader.

use super::*;

fn framework() -> Framework {
    crate::framework::fixture::mini()
}

/// Reads `text` cut after its `cut`-th line end, as a large file would be.
fn in_halves(
    text: &str,
    cut: usize,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let at = text
        .match_indices('\n')
        .nth(cut - 1)
        .map(|(i, _)| i + 1)
        .unwrap();
    let (a, b) = text.split_at(at);
    read_halves("e.csv", a.as_bytes(), b.as_bytes(), a.as_bytes(), fw)
        .expect("plain text is read in halves")
}

#[test]
fn halves_read_like_the_whole_file() {
    let fw = framework();
    let long = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini-long.csv"
    ))
    .unwrap();
    let crlf = long.replace('\n', "\r\n");
    let wide = "provider,name,staff,cs_level\na,甲,110,CS4\nb,乙,60,CS2\n\nc,丙,200,CS3\n";
    // Cuts inside a provider's rows, between providers, and before a blank line.
    for (text, cuts) in [
        (long.as_str(), vec![1, 3, 7, 12, 20]),
        (crlf.as_str(), vec![2, 9]),
        (wide, vec![1, 2, 3, 4]),
    ] {
        for cut in cuts {
            assert_eq!(
                in_halves(text, cut, &fw),
                parse("e.csv", text, &fw),
                "cut after line {cut}"
            );
        }
    }
}

#[test]
fn duplicates_across_the_cut_are_found_with_both_lines() {
    let fw = framework();
    let long = "provider,indicator,value\na,staff,1\nb,staff,2\na,staff,3\n";
    let whole = parse("e.csv", long, &fw).unwrap_err();
    assert_eq!(
        whole[0].to_string().lines().next(),
        Some(
            "e.csv:4:2: error: duplicate value for provider `a`, indicator `staff` (first at line 2)"
        )
    );
    assert_eq!(in_halves(long, 2, &fw).unwrap_err(), whole);
    let wide = "provider,staff\na,1\nb,2\na,3\n";
    let whole = parse("e.csv", wide, &fw).unwrap_err();
    assert_eq!(
        whole[0].to_string(),
        "e.csv:4:1: error: duplicate row for provider `a` (first at line 2)"
    );
    assert_eq!(in_halves(wide, 2, &fw).unwrap_err(), whole);
}

#[test]
fn lines_count_blank_lines_and_crlf() {
    let fw = framework();
    let cases = [
        ("provider,staff\na,1\n\n\nb,x\n", 5),
        ("provider,staff\r\na,1\r\n\r\n\r\nb,x\r\n", 5),
        // A quoted value over lines 2–4, a blank line 5, b on line 6.
        ("provider,staff\na,\"1\n\n\"\n\nb,x\n", 6),
    ];
    for (text, line) in cases {
        let errors = parse("e.csv", text, &fw).unwrap_err();
        assert_eq!(
            errors[0].location,
            Some(Location { line, col: 2 }),
            "{text:?}"
        );
    }
}

#[test]
fn errors_in_the_second_half_keep_their_lines() {
    let fw = framework();
    let long = "provider,indicator,value\na,staff,1\nb,staff,x\nc,nope,3\n";
    assert_eq!(in_halves(long, 2, &fw), parse("e.csv", long, &fw));
}

/// A quote or bytes that are not UTF-8 in either half: the halves give up
/// (the file is then read whole), whichever half finds it.
#[test]
fn halves_give_up_on_text_that_is_not_plain() {
    let fw = framework();
    let plain = "provider,staff\na,1\n";
    for other in ["b,\"2\"\n", "b,\"x\ny\"\n"] {
        let other = other.as_bytes();
        let p = plain.as_bytes();
        assert!(read_halves("e.csv", p, other, p, &fw).is_none());
        let quoted_first = [b"provider,staff\n".as_slice(), other].concat();
        assert!(
            read_halves(
                "e.csv",
                &quoted_first[..],
                b"a,1\n".as_slice(),
                &quoted_first[..],
                &fw
            )
            .is_none()
        );
    }
    let gbk = b"b,\xBB\xAA\n";
    assert!(
        read_halves(
            "e.csv",
            plain.as_bytes(),
            gbk.as_slice(),
            plain.as_bytes(),
            &fw
        )
        .is_none()
    );
}

/// A file large enough to be cut in halves, with what halves cannot read at
/// its very end (a quoted id; an id in GBK): read whole instead, right to
/// the last line.
#[test]
fn large_files_that_are_not_plain_are_read_whole() {
    let fw = framework();
    let dir = tempfile::tempdir().unwrap();
    // Few rows, each with a long note (read, not kept): 9 MB quickly read.
    let mut body = String::from("provider,indicator,value,note\n");
    let rows = 9_000;
    let note = "n".repeat(1_000);
    for p in 0..rows {
        body.push_str(&format!("p{p:05},staff,1,{note}\n"));
    }
    assert!(
        body.len() as u64 > 8 << 20,
        "{} bytes: not cut in halves",
        body.len()
    );
    let (gbk, _, _) = encoding_rs::GBK.encode("华北,staff,2,\n");
    for (tail, last_id) in [
        (b"\"q,1\",staff,2,\n".to_vec(), "q,1"),
        (gbk.into_owned(), "华北"),
    ] {
        let path = dir.path().join("big.csv");
        std::fs::write(&path, [body.as_bytes(), &tail].concat()).unwrap();
        let path = path.to_str().unwrap();
        let (e, _) = load(path, None, &fw, input::Encoding::Auto).unwrap();
        assert_eq!(e.providers.len(), rows + 1);
        let last = e.providers.last().unwrap();
        assert_eq!((last.id.as_str(), last.line), (last_id, rows + 2));
    }
}

#[test]
fn large_text_in_memory_parses_in_halves_like_one_pass() {
    // Over the halves threshold (8 MiB), with a value given twice across the
    // middle: `parse` (halves) and `read` (one pass) must agree, errors too.
    let fw = framework();
    let mut text = String::from("provider,indicator,value\n");
    let mut i = 0;
    while text.len() < 9 << 20 {
        text.push_str(&format!("p{i:07},staff,{}\n", i % 300));
        i += 1;
    }
    let whole = read("e.csv", text.as_bytes(), &fw);
    let (evidence, _) = whole.as_ref().expect("valid evidence");
    assert_eq!(evidence.providers.len(), i);
    assert_eq!(parse("e.csv", &text, &fw), whole);
    text.push_str("p0000001,staff,5\n");
    let whole = read("e.csv", text.as_bytes(), &fw);
    assert!(whole.is_err(), "the repeated value is a duplicate");
    assert_eq!(parse("e.csv", &text, &fw), whole);
}

#[test]
fn frameworks_read_alike_when_only_weights_and_tiers_differ() {
    let fw = framework();
    let mut reweighted = fw.clone();
    reweighted.indicators[0].weight += 1.0;
    reweighted.dimensions[0].weight += 1.0;
    assert!(reads_alike(&fw, &reweighted));
    let mut rescored = fw.clone();
    rescored.indicators[0].rule = crate::rule::Rule::Boolean;
    assert!(!reads_alike(&fw, &rescored));
    let mut fewer = fw.clone();
    fewer.indicators.pop();
    assert!(!reads_alike(&fw, &fewer));
}
