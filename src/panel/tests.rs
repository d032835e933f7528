use super::*;

fn scores(values: &[f64]) -> Vec<ExpertScore> {
    values
        .iter()
        .enumerate()
        .map(|(i, &score)| ExpertScore {
            expert: format!("e{i}"),
            score,
            line: i + 2,
            file: 0,
        })
        .collect()
}

#[test]
fn trimmed_mean_with_three_five_and_seven_experts() {
    // 3: drop 60 and 90 → 80.
    assert_eq!(
        combine(&[90.0, 60.0, 80.0], Aggregate::TrimmedMean),
        Some(80.0)
    );
    // 5: drop 50 and 95 → (70 + 80 + 85) / 3 = 235 / 3.
    assert_eq!(
        combine(&[80.0, 50.0, 95.0, 70.0, 85.0], Aggregate::TrimmedMean),
        Some(235.0 / 3.0)
    );
    // 7: drop 40 and 100 → (60 + 70 + 75 + 80 + 90) / 5 = 375 / 5 = 75.
    assert_eq!(
        combine(
            &[70.0, 100.0, 60.0, 40.0, 90.0, 75.0, 80.0],
            Aggregate::TrimmedMean
        ),
        Some(75.0)
    );
}

#[test]
fn tied_extremes_drop_only_one_each() {
    // Two 60s and two 90s: one of each goes, (60 + 75 + 90) / 3 = 75.
    assert_eq!(
        combine(&[60.0, 90.0, 60.0, 75.0, 90.0], Aggregate::TrimmedMean),
        Some(75.0)
    );
    // Lowest three-way tie: (50 + 50 + 80) / 3 = 60, not 80.
    assert_eq!(
        combine(&[50.0, 50.0, 50.0, 80.0, 99.0], Aggregate::TrimmedMean),
        Some(60.0)
    );
    // All equal: two are dropped, the mean of the rest is the same score.
    assert_eq!(combine(&[70.0; 4], Aggregate::TrimmedMean), Some(70.0));
    // Which ones explain marks: the first lowest and the last highest listed.
    assert_eq!(
        trimmed(&scores(&[60.0, 90.0, 60.0, 75.0, 90.0])),
        Some((0, 4))
    );
    assert_eq!(trimmed(&scores(&[70.0, 70.0, 70.0])), Some((0, 2)));
    assert_eq!(trimmed(&scores(&[70.0, 70.0])), None);
}

#[test]
fn median_and_mean() {
    // Even count: the mean of the two middle scores, (70 + 80) / 2.
    assert_eq!(
        combine(&[90.0, 70.0, 60.0, 80.0], Aggregate::Median),
        Some(75.0)
    );
    assert_eq!(combine(&[90.0, 70.0, 60.0], Aggregate::Median), Some(70.0));
    assert_eq!(combine(&[90.0, 70.0, 62.0], Aggregate::Mean), Some(74.0));
    assert_eq!(combine(&[], Aggregate::Mean), None);
    assert_eq!(combine(&[1.0, 2.0], Aggregate::TrimmedMean), None);
}
