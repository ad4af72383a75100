//! "是不是要写「…」？" — the likely intended name for a mistyped key.

/// The candidate closest to `typed` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(typed: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typed_len = typed.chars().count();
    candidates
        .iter()
        .map(|c| (edit_distance(typed, c), *c))
        .filter(|(d, c)| *d <= typed_len.max(c.chars().count()) / 3 + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters, with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let keys = ["kind", "issuers", "recipients", "title", "subject", "body"];
        assert_eq!(closest("isuers", &keys), Some("issuers"));
        assert_eq!(closest("recipient", &keys), Some("recipients"));
        assert_eq!(closest("tilte", &keys), Some("title"));
        assert_eq!(closest("zzzzzz", &keys), None);
    }
}
