//! Answers on a scale (DESIGN.md "Evidence and measurement"): numbers, a leading number ("4 -
//! Satisfied"), the words of 5-point scales, skipped answers; the question's scale; and the
//! numbers a score is built from — mean, the 95 % t-interval, NPS.

/// A question's scale, its lowest and highest answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The lowest answer.
    pub min: f64,
    /// The highest.
    pub max: f64,
}

impl Scale {
    /// The 5-point scale the words are on.
    pub const FIVE: Self = Self { min: 1.0, max: 5.0 };
    /// The recommendation question's scale, the only one with an NPS.
    pub const ZERO_TO_TEN: Self = Self {
        min: 0.0,
        max: 10.0,
    };

    /// "0-10".
    #[must_use]
    pub fn text(self) -> String {
        format!(
            "{}-{}",
            crate::numbers::decimal(self.min, 2),
            crate::numbers::decimal(self.max, 2)
        )
    }

    /// Reads "MIN-MAX" (also with "–" or " to "); `None` unless MIN < MAX.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().replace(['–', '—'], "-").replace(" to ", "-");
        let (min, max) = text.split_once('-')?;
        let (min, max): (f64, f64) = (min.trim().parse().ok()?, max.trim().parse().ok()?);
        (min.is_finite() && max.is_finite() && min < max).then_some(Self { min, max })
    }

    /// The scale a question's text states: "(0-10)", "1–7", "on a scale from 1 to 5" — the last
    /// such pair of numbers, the first being 0 or 1 and the second above it.
    #[must_use]
    pub fn in_question(text: &str) -> Option<Self> {
        let normal = text.replace(['–', '—'], "-").to_lowercase();
        let words: Vec<&str> = normal
            .split(|c: char| !(c.is_ascii_digit() || c == '-' || c.is_alphabetic()))
            .filter(|w| !w.is_empty())
            .collect();
        let mut found = None;
        for (i, word) in words.iter().enumerate() {
            // "0-10" as one word.
            if let Some((a, b)) = word.split_once('-')
                && let (Ok(min), Ok(max)) = (a.parse::<u32>(), b.parse::<u32>())
                && min <= 1
                && max > min
                && max <= 100
            {
                found = Some(Self {
                    min: f64::from(min),
                    max: f64::from(max),
                });
            }
            // "1 to 5".
            if let (Ok(min), Some(&"to"), Some(Ok(max))) = (
                word.parse::<u32>(),
                words.get(i + 1),
                words.get(i + 2).map(|w| w.parse::<u32>()),
            ) && min <= 1
                && max > min
                && max <= 100
            {
                found = Some(Self {
                    min: f64::from(min),
                    max: f64::from(max),
                });
            }
        }
        found
    }

    /// The scale the answers fit: 0–10 when any is 0, else the smallest of 1–5, 1–7, 1–10 that
    /// holds them all (`None` when none does).
    #[must_use]
    pub fn from_answers(values: &[f64]) -> Option<Self> {
        let lowest = values.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if values.is_empty() {
            return Some(Self::FIVE);
        }
        if lowest == 0.0 {
            return (highest <= 10.0).then_some(Self {
                min: 0.0,
                max: 10.0,
            });
        }
        [5.0, 7.0, 10.0]
            .into_iter()
            .find(|&max| lowest >= 1.0 && highest <= max)
            .map(|max| Self { min: 1.0, max })
    }

    /// An answer on this scale, on touchmap's 1–5: `1 + 4 × (x − min) / (max − min)`.
    #[must_use]
    pub fn to_five(self, value: f64) -> f64 {
        1.0 + 4.0 * (value - self.min) / (self.max - self.min)
    }
}

/// One answer read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// Blank, N/A, Not applicable, Don't know.
    Skipped,
    /// A number as written (on the question's scale).
    Number(f64),
    /// A word of a 5-point scale, as 1–5.
    Word(f64),
}

/// The words of the 5-point scales, lower case, with their place 1–5.
const WORDS: [(&str, f64); 30] = [
    ("very dissatisfied", 1.0),
    ("extremely dissatisfied", 1.0),
    ("dissatisfied", 2.0),
    ("somewhat dissatisfied", 2.0),
    ("neither satisfied nor dissatisfied", 3.0),
    ("neutral", 3.0),
    ("satisfied", 4.0),
    ("somewhat satisfied", 4.0),
    ("very satisfied", 5.0),
    ("extremely satisfied", 5.0),
    ("strongly disagree", 1.0),
    ("disagree", 2.0),
    ("somewhat disagree", 2.0),
    ("neither agree nor disagree", 3.0),
    ("agree", 4.0),
    ("somewhat agree", 4.0),
    ("strongly agree", 5.0),
    ("very poor", 1.0),
    ("poor", 2.0),
    ("fair", 3.0),
    ("average", 3.0),
    ("good", 4.0),
    ("excellent", 5.0),
    ("very unlikely", 1.0),
    ("extremely unlikely", 1.0),
    ("unlikely", 2.0),
    ("neither likely nor unlikely", 3.0),
    ("likely", 4.0),
    ("very likely", 5.0),
    ("extremely likely", 5.0),
];

const SKIPPED: [&str; 8] = [
    "",
    "n/a",
    "na",
    "not applicable",
    "don't know",
    "dont know",
    "do not know",
    "-",
];

/// Reads one answer; `Err` with what was written when it is none of the accepted forms.
pub fn read_answer(cell: &str) -> Result<Answer, String> {
    let text = cell.trim().replace(['’', '‘'], "'");
    let lower = text.to_lowercase();
    if SKIPPED.contains(&lower.as_str()) {
        return Ok(Answer::Skipped);
    }
    if let Ok(value) = text.parse::<f64>()
        && value.is_finite()
    {
        return Ok(Answer::Number(value));
    }
    // A leading number: "4 - Satisfied", "10 (Extremely likely)", "5 = Very good".
    let digits: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if !digits.is_empty() {
        let after = &text[digits.len()..];
        let rest = after.trim_start();
        let separated = rest.starts_with(['-', '–', '—', '=', ':', '(', '.'])
            || (after.starts_with(' ') && rest.starts_with(char::is_alphabetic));
        if separated && let Ok(value) = digits.trim_end_matches('.').parse::<f64>() {
            return Ok(Answer::Number(value));
        }
    }
    let words = lower.trim_end_matches(['.', '!']);
    WORDS
        .iter()
        .find(|(word, _)| *word == words)
        .map(|&(_, value)| Answer::Word(value))
        .ok_or(text)
}

/// The statistics of one question's answers on 1–5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Answers counted.
    pub n: usize,
    /// Their mean.
    pub mean: f64,
    /// The sample standard deviation (0 with fewer than two answers).
    pub s: f64,
    /// The 95 % interval's lower end, clipped to 1–5 (1 with fewer than two answers).
    pub low: f64,
    /// Its upper end (5 with fewer than two answers).
    pub high: f64,
}

/// Mean and 95 % interval `mean ± t(0.975, n − 1) × s / √n`, clipped to 1–5.
#[must_use]
pub fn summarise(values: &[f64]) -> Summary {
    let n = values.len();
    if n == 0 {
        return Summary {
            n,
            mean: 0.0,
            s: 0.0,
            low: 1.0,
            high: 5.0,
        };
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return Summary {
            n,
            mean,
            s: 0.0,
            low: 1.0,
            high: 5.0,
        };
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let s = variance.sqrt();
    let half = t_quantile_975(n - 1) * s / (n as f64).sqrt();
    Summary {
        n,
        mean,
        s,
        low: (mean - half).clamp(1.0, 5.0),
        high: (mean + half).clamp(1.0, 5.0),
    }
}

/// Net promoter score of 0–10 answers: % of 9–10 minus % of 0–6.
#[must_use]
pub fn nps(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let promoters = values.iter().filter(|&&v| v >= 9.0).count() as f64;
    let detractors = values.iter().filter(|&&v| v <= 6.0).count() as f64;
    Some(100.0 * (promoters - detractors) / n)
}

/// t(0.975, df): the Student t quantile of a two-sided 95 % interval, found by bisection on the
/// distribution function (the regularised incomplete beta function), to 1e-10.
#[must_use]
pub fn t_quantile_975(df: usize) -> f64 {
    if df == 0 {
        return f64::INFINITY;
    }
    let df = df as f64;
    // P(T ≤ t) for t ≥ 0 is 1 − I_{df/(df+t²)}(df/2, 1/2) / 2.
    let upper_tail = |t: f64| 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5);
    let (mut low, mut high) = (0.0_f64, 1.0e4_f64);
    for _ in 0..200 {
        let middle = 0.5 * (low + high);
        if upper_tail(middle) > 0.025 {
            low = middle;
        } else {
            high = middle;
        }
        if high - low < 1e-12 {
            break;
        }
    }
    0.5 * (low + high)
}

/// ln Γ(x) by Lanczos' approximation (g = 7, nine terms), good to about 1e-15 for x > 0.
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection.
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = G[0];
    for (i, &g) in G.iter().enumerate().skip(1) {
        sum += g / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The regularised incomplete beta function `I_x(a, b)`, by its continued fraction (Lentz).
#[expect(
    clippy::many_single_char_names,
    reason = "the continued fraction's names as the literature writes them"
)]
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - incomplete_beta(1.0 - x, b, a);
    }
    let tiny = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut f = d;
    for m in 1..500 {
        let m = f64::from(m);
        // The even and the odd step of the fraction.
        for numerator in [
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0)),
        ] {
            d = 1.0 + numerator * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + numerator / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            f *= c * d;
        }
        if (c * d - 1.0).abs() < 1e-15 {
            break;
        }
    }
    front * f / a
}

#[cfg(test)]
mod tests {
    use super::{Answer, Scale, nps, read_answer, summarise, t_quantile_975};

    /// Against the printed table of t(0.975, df) (any statistics textbook's appendix).
    #[test]
    fn the_t_quantile_matches_the_tables() {
        for (df, table) in [
            (1, 12.706),
            (2, 4.303),
            (3, 3.182),
            (4, 2.776),
            (5, 2.571),
            (9, 2.262),
            (10, 2.228),
            (20, 2.086),
            (29, 2.045),
            (30, 2.042),
            (60, 2.000),
            (120, 1.980),
        ] {
            let t = t_quantile_975(df);
            assert!(
                (t - table).abs() < 5e-4,
                "df {df}: {t}, the table says {table}"
            );
        }
        assert!((t_quantile_975(100_000) - 1.959_96).abs() < 1e-4, "→ z");
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "clipping gives exactly 5")]
    fn mean_and_interval_by_hand() {
        // Answers 2, 3, 4, 4, 5: n = 5, mean 18/5 = 3.6, s² = (2.56 + 0.36 + 0.16 + 0.16 +
        // 1.96)/4 = 1.3, s = 1.140175, t(0.975, 4) = 2.776445; half = 2.776445 × 1.140175/√5
        // = 2.776445 × 0.509902 = 1.415715: 2.184285 – 5.015715, clipped to 5.
        let summary = summarise(&[2.0, 3.0, 4.0, 4.0, 5.0]);
        assert_eq!(summary.n, 5);
        assert!((summary.mean - 3.6).abs() < 1e-12);
        assert!((summary.s - 1.3_f64.sqrt()).abs() < 1e-12);
        assert!((summary.low - 2.184_285).abs() < 1e-5, "{}", summary.low);
        assert_eq!(summary.high, 5.0, "clipped to 5");
        // One answer: the interval is the whole scale.
        let one = summarise(&[4.0]);
        assert_eq!((one.low, one.high), (1.0, 5.0));
    }

    #[test]
    fn nps_is_promoters_minus_detractors() {
        // 10, 9, 8, 7, 6, 0: 2 promoters, 2 detractors of 6 → 0; 10, 10, 9, 3: (3 − 1)/4 = 50.
        assert_eq!(nps(&[10.0, 9.0, 8.0, 7.0, 6.0, 0.0]), Some(0.0));
        assert_eq!(nps(&[10.0, 10.0, 9.0, 3.0]), Some(50.0));
    }

    #[test]
    fn answers_are_numbers_leading_numbers_words_or_skipped() {
        assert_eq!(read_answer(" 4 "), Ok(Answer::Number(4.0)));
        assert_eq!(read_answer("4 - Satisfied"), Ok(Answer::Number(4.0)));
        assert_eq!(
            read_answer("10 (Extremely likely)"),
            Ok(Answer::Number(10.0))
        );
        assert_eq!(read_answer("5 = Very good"), Ok(Answer::Number(5.0)));
        assert_eq!(read_answer("Very satisfied"), Ok(Answer::Word(5.0)));
        assert_eq!(read_answer("strongly disagree"), Ok(Answer::Word(1.0)));
        assert_eq!(
            read_answer("Neither agree nor disagree"),
            Ok(Answer::Word(3.0))
        );
        assert_eq!(read_answer("Fair"), Ok(Answer::Word(3.0)));
        assert_eq!(read_answer("Very likely"), Ok(Answer::Word(5.0)));
        for skipped in ["", "N/A", "Not applicable", "Don’t know", "don't know"] {
            assert_eq!(read_answer(skipped), Ok(Answer::Skipped), "{skipped:?}");
        }
        assert_eq!(read_answer("Meh"), Err("Meh".to_owned()));
        assert_eq!(
            read_answer("=HYPERLINK(\"x\")"),
            Err("=HYPERLINK(\"x\")".to_owned())
        );
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "these conversions are exact in binary")]
    fn scales_from_the_flag_the_question_or_the_answers() {
        assert_eq!(
            Scale::parse("0-10"),
            Some(Scale {
                min: 0.0,
                max: 10.0
            })
        );
        assert_eq!(Scale::parse("1 to 7"), Some(Scale { min: 1.0, max: 7.0 }));
        assert_eq!(Scale::parse("5-1"), None);
        assert_eq!(
            Scale::in_question("How likely are you to recommend us? (0-10)"),
            Some(Scale {
                min: 0.0,
                max: 10.0
            })
        );
        assert_eq!(
            Scale::in_question("Rate the delivery, 1–7"),
            Some(Scale { min: 1.0, max: 7.0 })
        );
        assert_eq!(
            Scale::in_question("On a scale from 1 to 5, how was checkout?"),
            Some(Scale { min: 1.0, max: 5.0 })
        );
        assert_eq!(Scale::in_question("How was it in 2026?"), None);
        assert_eq!(
            Scale::from_answers(&[0.0, 7.0, 10.0]),
            Some(Scale {
                min: 0.0,
                max: 10.0
            })
        );
        assert_eq!(
            Scale::from_answers(&[1.0, 4.0, 5.0]),
            Some(Scale { min: 1.0, max: 5.0 })
        );
        assert_eq!(
            Scale::from_answers(&[2.0, 6.0]),
            Some(Scale { min: 1.0, max: 7.0 })
        );
        assert_eq!(Scale::from_answers(&[3.0, 11.0]), None);
        // 7 on 1–7 is 5; 4 on 1–7 is 3; 10 on 0–10 is 5.
        let seven = Scale { min: 1.0, max: 7.0 };
        assert_eq!((seven.to_five(7.0), seven.to_five(4.0)), (5.0, 3.0));
        assert_eq!(
            Scale {
                min: 0.0,
                max: 10.0
            }
            .to_five(5.0),
            3.0
        );
    }
}
