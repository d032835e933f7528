use super::*;

fn read(text: &str) -> Result<AmendFile, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amend.csv");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    load(&path, Encoding::Auto).map(|mut f| {
        f.file = "amend.csv".into();
        f
    })
}

#[test]
fn columns_in_any_order_and_extra_columns_are_read() {
    let f =
        read("\u{FEFF}reason,value,note,indicator,provider\r\n复核, 110 ,x,staff,b\r\n").unwrap();
    assert_eq!(f.columns, [5, 4, 2, 1]);
    assert_eq!(
        f.rows,
        vec![Row {
            line: 2,
            provider: "b".into(),
            indicator: "staff".into(),
            value: "110".into(),
            reason: "复核".into(),
        }]
    );
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let errors = read(
        "provider,indicator,value,reason\n\
         a,,1,r\n\
         a,x,,r\n\
         a,y,1,  \n\
         a,z,1,r\n\
         a,z,2,r\n",
    )
    .unwrap_err();
    let at: Vec<(usize, usize)> = errors
        .iter()
        .map(|d| d.location.map(|l| (l.line, l.col)).unwrap_or_default())
        .collect();
    assert_eq!(at, [(2, 2), (3, 3), (4, 4), (6, 2)], "{errors:?}");
}
