//! Solving one strongly connected part of the journey model: `x = b + A x` by Gaussian
//! elimination for small parts and by Gauss–Seidel to a residual tolerance for large ones.

/// Parts up to this size are solved by Gaussian elimination; larger ones by Gauss–Seidel to a
/// residual tolerance. 160³/3 ≈ 1.4 M multiply-adds, well under a millisecond.
pub(super) const DENSE_LIMIT: usize = 160;

/// Gauss–Seidel stops when the largest residual is below this, relative to the largest value of
/// the right-hand side. The error of the solution is at most the residual times the norm of
/// (I − A)⁻¹ — the expected number of steps a journey stays in the part — so for parts that
/// customers leave within 1,000 steps on average every value is exact to 1e-9. (The synthetic
/// 20,000-card tangle is left within a few dozen steps.)
const RESIDUAL_TOLERANCE: f64 = 1e-12;

/// The residual costs as much as a sweep, so it is not measured after every sweep: first after
/// this many, then where the rate seen between the last two measurements says the tolerance will
/// be met (never more than [`MAX_SWEEPS_AHEAD`] later).
const FIRST_CHECK: usize = 4;

/// The most sweeps taken between two measurements of the residual.
const MAX_SWEEPS_AHEAD: usize = 32;

/// How many unit systems a large part's inverse diagonal solves side by side.
const LANES: usize = 8;

/// A guard against parts that customers practically never leave (shares summing to 0.9999999 round
/// a loop): past this many sweeps the best answer so far is taken.
const MAX_SWEEPS: usize = 200_000;

/// A sparse matrix stored row after row in one array (compressed rows): row `i` is
/// `entries[start[i]..start[i + 1]]`, as (column, value): one allocation instead of one per row,
/// so a sweep over a 15,000-member part reads memory in order.
#[derive(Debug, Clone, Default)]
pub(super) struct Rows {
    start: Vec<usize>,
    entries: Vec<(usize, f64)>,
}

impl Rows {
    /// No rows yet, with room for `rows` of them.
    pub(super) fn with_capacity(rows: usize) -> Self {
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        Self {
            start,
            entries: Vec::new(),
        }
    }

    /// Adds a row after the last.
    pub(super) fn push_row(&mut self, row: impl IntoIterator<Item = (usize, f64)>) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        self.entries.extend(row);
        self.start.push(self.entries.len());
    }

    /// The transposed matrix: row `j` holds `(i, a)` for every `(j, a)` in row `i`, in the order
    /// of `i`.
    pub(super) fn transpose(&self) -> Self {
        let size = self.len();
        let mut start = vec![0; size + 1];
        for &(j, _) in &self.entries {
            start[j + 1] += 1;
        }
        for j in 0..size {
            start[j + 1] += start[j];
        }
        let mut next = start.clone();
        let mut entries = vec![(0, 0.0); self.entries.len()];
        for i in 0..size {
            for &(j, a) in self.row(i) {
                entries[next[j]] = (i, a);
                next[j] += 1;
            }
        }
        Self { start, entries }
    }

    /// How many rows.
    pub(super) fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Row `i`.
    pub(super) fn row(&self, i: usize) -> &[(usize, f64)] {
        &self.entries[self.start[i]..self.start[i + 1]]
    }
}

/// Which way a Gauss–Seidel sweep walks the members: forward for visits (customers flow along the
/// member order), backward for success (it flows back from the goals).
#[derive(Clone, Copy)]
pub(super) enum SweepOrder {
    Forward,
    Backward,
}

/// Solves `x = b + A x` for one strongly connected part, where `A` (rows of `(column, value)`) is
/// substochastic and its spectral radius below 1 (every member reaches a goal, so journeys leave
/// the part). Small parts: Gaussian elimination with partial pivoting. Large parts: Gauss–Seidel,
/// which converges for this M-matrix, until the residual is below the tolerance.
pub(super) fn solve(rows: &Rows, right: &[f64], order: SweepOrder) -> Vec<f64> {
    let size = rows.len();
    if size == 1 {
        let diagonal: f64 = rows.row(0).iter().map(|&(_, a)| a).sum();
        return vec![right[0] / (1.0 - diagonal)];
    }
    if size <= DENSE_LIMIT {
        return solve_dense(rows, right);
    }
    solve_iterative(rows, right, order)
}

/// Partial pivoting for elimination on a row-major `size × width` matrix: swaps the row with the
/// largest entry in `column` (from `column` down) into row `column`.
fn swap_in_pivot(matrix: &mut [f64], width: usize, size: usize, column: usize) {
    let pivot = (column..size)
        .max_by(|&a, &b| {
            matrix[a * width + column]
                .abs()
                .total_cmp(&matrix[b * width + column].abs())
        })
        .unwrap_or(column);
    if pivot != column {
        for k in 0..width {
            matrix.swap(column * width + k, pivot * width + k);
        }
    }
}

pub(super) fn solve_dense(rows: &Rows, right: &[f64]) -> Vec<f64> {
    let size = rows.len();
    let width = size + 1;
    // (I − A | b), row-major.
    let mut matrix = vec![0.0; size * width];
    for i in 0..size {
        matrix[i * width + i] = 1.0;
        for &(j, a) in rows.row(i) {
            matrix[i * width + j] -= a;
        }
        matrix[i * width + size] = right[i];
    }
    for column in 0..size {
        swap_in_pivot(&mut matrix, width, size, column);
        let diagonal = matrix[column * width + column];
        if diagonal == 0.0 {
            continue;
        }
        for row in column + 1..size {
            let factor = matrix[row * width + column] / diagonal;
            if factor == 0.0 {
                continue;
            }
            for k in column..width {
                matrix[row * width + k] -= factor * matrix[column * width + k];
            }
        }
    }
    let mut solution = vec![0.0; size];
    for row in (0..size).rev() {
        let mut value = matrix[row * width + size];
        for k in row + 1..size {
            value -= matrix[row * width + k] * solution[k];
        }
        let diagonal = matrix[row * width + row];
        solution[row] = if diagonal == 0.0 {
            0.0
        } else {
            value / diagonal
        };
    }
    solution
}

pub(super) fn solve_iterative(rows: &Rows, right: &[f64], order: SweepOrder) -> Vec<f64> {
    Sweeper::new(rows).solve(right, order)
}

/// The diagonal of `(I − A)⁻¹` for one strongly connected part: entry `i` is the expected number of
/// visits to member `i` of a journey that starts there (`returns` in DESIGN.md's first-passage
/// identity), each to within `accuracy[i]` (absolute). One member: `1 / (1 − a_ii)`. Small parts:
/// the inverse by Gauss–Jordan elimination, exact. Large parts: one iterative solve per member,
/// `(I − A) x = e_i`, run until its residual times `‖(I − A)⁻¹‖∞` (the longest expected stay in
/// the part, found with one more solve) is below the accuracy asked for — a bound on the error,
/// not an estimate. Members are solved [`LANES`] at a time, those asking for similar accuracy
/// together, spread over the machine's cores. No method is known that finds the diagonal of the
/// inverse of a random tangle exactly for less, so this is the analysis' most expensive step on
/// such maps (BENCHMARKS.md).
pub(super) fn inverse_diagonal(rows: &Rows, accuracy: &[f64]) -> Vec<f64> {
    let size = rows.len();
    if size == 1 {
        let diagonal: f64 = rows.row(0).iter().map(|&(_, a)| a).sum();
        return vec![1.0 / (1.0 - diagonal)];
    }
    if size <= DENSE_LIMIT {
        return inverse_diagonal_dense(rows);
    }
    let sweeper = Sweeper::new(rows);
    // ‖(I − A)⁻¹‖∞ = the largest row sum = the longest expected stay, from the solve with ones.
    let stay = sweeper
        .solve(&vec![1.0; size], SweepOrder::Backward)
        .into_iter()
        .fold(1.0_f64, f64::max);
    // Members ordered by the residual they need, loosest first, so that a block's lanes stop
    // together.
    let mut order: Vec<usize> = (0..size).collect();
    let tolerance = |member: usize| (accuracy[member] / stay).clamp(RESIDUAL_TOLERANCE, 1e-3);
    order.sort_by(|&a, &b| tolerance(b).total_cmp(&tolerance(a)));
    let blocks: Vec<&[usize]> = order.chunks(LANES).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 16);
    let next_block = std::sync::atomic::AtomicUsize::new(0);
    let mut solved: Vec<Vec<(usize, f64)>> = Vec::new();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut values = Vec::new();
                    loop {
                        let index = next_block.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(block) = blocks.get(index) else {
                            break;
                        };
                        let limit = block.iter().map(|&m| tolerance(m)).fold(1.0, f64::min);
                        let diagonal = sweeper.solve_unit_block(block, limit);
                        values.extend(block.iter().copied().zip(diagonal));
                    }
                    values
                })
            })
            .collect();
        for worker in workers {
            // A worker only reads shared data and cannot panic on a valid part; should one, its
            // members keep the value 1 (no return), the figure outside loops.
            solved.push(worker.join().unwrap_or_default());
        }
    });
    let mut diagonal = vec![1.0; size];
    for (member, value) in solved.into_iter().flatten() {
        diagonal[member] = value;
    }
    diagonal
}

/// The diagonal of `(I − A)⁻¹` by Gauss–Jordan elimination with partial pivoting: O(n³), for
/// parts up to [`DENSE_LIMIT`] members.
pub(super) fn inverse_diagonal_dense(rows: &Rows) -> Vec<f64> {
    let size = rows.len();
    let width = 2 * size;
    // (I − A | I), row-major.
    let mut matrix = vec![0.0; size * width];
    for i in 0..size {
        matrix[i * width + i] = 1.0;
        matrix[i * width + size + i] = 1.0;
        for &(j, a) in rows.row(i) {
            matrix[i * width + j] -= a;
        }
    }
    for column in 0..size {
        swap_in_pivot(&mut matrix, width, size, column);
        let diagonal = matrix[column * width + column];
        if diagonal == 0.0 {
            continue;
        }
        for k in 0..width {
            matrix[column * width + k] /= diagonal;
        }
        for row in 0..size {
            if row == column {
                continue;
            }
            let factor = matrix[row * width + column];
            if factor == 0.0 {
                continue;
            }
            for k in 0..width {
                matrix[row * width + k] -= factor * matrix[column * width + k];
            }
        }
    }
    (0..size).map(|i| matrix[i * width + size + i]).collect()
}

/// A part's matrix split once for Gauss–Seidel: the diagonal (a member's links back to itself)
/// and the rest in compact arrays (32-bit columns apart from the values), which a sweep reads from
/// end to end, so that the sweep has no branch: `x_i = (b_i + Σ_{j≠i} a_ij x_j) / (1 − a_ii)`.
struct Sweeper {
    diagonal: Vec<f64>,
    start: Vec<usize>,
    columns: Vec<u32>,
    values: Vec<f64>,
}

impl Sweeper {
    fn new(rows: &Rows) -> Self {
        let size = rows.len();
        let mut diagonal = vec![0.0; size];
        let mut start: Vec<usize> = Vec::with_capacity(size + 1);
        let mut columns: Vec<u32> = Vec::with_capacity(rows.entries.len());
        let mut values: Vec<f64> = Vec::with_capacity(rows.entries.len());
        start.push(0);
        for (i, diagonal) in diagonal.iter_mut().enumerate() {
            for &(j, a) in rows.row(i) {
                if j == i {
                    *diagonal += a;
                } else {
                    // A part has at most MAX_TOUCHPOINTS members, far below u32::MAX.
                    columns.push(u32::try_from(j).unwrap_or(u32::MAX));
                    values.push(a);
                }
            }
            start.push(columns.len());
        }
        Self {
            diagonal,
            start,
            columns,
            values,
        }
    }

    fn others(&self, solution: &[f64], i: usize) -> f64 {
        let range = self.start[i]..self.start[i + 1];
        self.columns[range.clone()]
            .iter()
            .zip(&self.values[range])
            .map(|(&j, &a)| a * solution[j as usize])
            .sum::<f64>()
    }

    /// `x_m = N[m][m]` for up to [`LANES`] members `m` at once: the systems `(I − A) x = e_m`
    /// solved side by side, each row of the matrix read once for all of them (the solution is
    /// stored member by member, LANES values together), until every lane's residual is below
    /// `tolerance`.
    fn solve_unit_block(&self, members: &[usize], tolerance: f64) -> Vec<f64> {
        let size = self.diagonal.len();
        let mut solution = vec![[0.0_f64; LANES]; size];
        let mut right = vec![[0.0_f64; LANES]; size];
        for (lane, &member) in members.iter().enumerate() {
            right[member][lane] = 1.0;
            solution[member][lane] = 1.0;
        }
        let others = |solution: &[[f64; LANES]], i: usize| -> [f64; LANES] {
            let mut sum = [0.0; LANES];
            let range = self.start[i]..self.start[i + 1];
            for (&j, &a) in self.columns[range.clone()].iter().zip(&self.values[range]) {
                let x = &solution[j as usize];
                for lane in 0..LANES {
                    sum[lane] += a * x[lane];
                }
            }
            sum
        };
        let mut next_check = FIRST_CHECK;
        let mut last_check: Option<(usize, f64)> = None;
        for sweeps in 1..=MAX_SWEEPS {
            for i in (0..size).rev() {
                let sum = others(&solution, i);
                let scale = 1.0 / (1.0 - self.diagonal[i]);
                for lane in 0..LANES {
                    solution[i][lane] = (right[i][lane] + sum[lane]) * scale;
                }
            }
            if sweeps < next_check {
                continue;
            }
            let residual = (0..size).fold(0.0_f64, |max, i| {
                let sum = others(&solution, i);
                (0..LANES).fold(max, |max, lane| {
                    let value =
                        right[i][lane] + sum[lane] - (1.0 - self.diagonal[i]) * solution[i][lane];
                    max.max(value.abs())
                })
            });
            if residual <= tolerance {
                break;
            }
            next_check = sweeps + sweeps_to_tolerance(last_check, (sweeps, residual), tolerance);
            last_check = Some((sweeps, residual));
        }
        members
            .iter()
            .enumerate()
            .map(|(lane, &member)| solution[member][lane])
            .collect()
    }

    fn solve(&self, right: &[f64], order: SweepOrder) -> Vec<f64> {
        let size = self.diagonal.len();
        let scale = right
            .iter()
            .fold(0.0_f64, |max, value| max.max(value.abs()));
        if scale == 0.0 {
            return vec![0.0; size];
        }
        let tolerance = RESIDUAL_TOLERANCE * scale;
        let mut solution = right.to_vec();
        let sweep = |solution: &mut [f64], i: usize| {
            let value = right[i] + self.others(solution, i);
            solution[i] = value / (1.0 - self.diagonal[i]);
        };
        let mut next_check = FIRST_CHECK;
        let mut last_check: Option<(usize, f64)> = None;
        for sweeps in 1..=MAX_SWEEPS {
            match order {
                SweepOrder::Forward => (0..size).for_each(|i| sweep(&mut solution, i)),
                SweepOrder::Backward => (0..size).rev().for_each(|i| sweep(&mut solution, i)),
            }
            if sweeps < next_check {
                continue;
            }
            let residual = (0..size).fold(0.0_f64, |max, i| {
                let value: f64 =
                    right[i] + self.others(&solution, i) - (1.0 - self.diagonal[i]) * solution[i];
                max.max(value.abs())
            });
            if residual <= tolerance {
                break;
            }
            next_check = sweeps + sweeps_to_tolerance(last_check, (sweeps, residual), tolerance);
            last_check = Some((sweeps, residual));
        }
        solution
    }
}

/// How many more sweeps until the residual meets the tolerance, if it keeps shrinking at the rate
/// seen between the last two measurements: at least 1, at most [`MAX_SWEEPS_AHEAD`], and
/// [`FIRST_CHECK`] when there is no rate yet (or the residual grew). Only when to look again
/// depends on this guess; the solver still stops on a measured residual.
fn sweeps_to_tolerance(
    previous: Option<(usize, f64)>,
    (sweeps, residual): (usize, f64),
    tolerance: f64,
) -> usize {
    let Some((earlier, earlier_residual)) = previous else {
        return FIRST_CHECK;
    };
    if !(residual > 0.0 && residual < earlier_residual && sweeps > earlier) {
        return FIRST_CHECK;
    }
    // The residual shrinks by a factor `rate` per sweep: residual × rateⁿ = tolerance.
    let log_rate = (residual / earlier_residual).ln() / (sweeps - earlier) as f64;
    let needed = ((tolerance / residual).ln() / log_rate).ceil();
    if needed.is_finite() && needed >= 1.0 {
        (needed as usize).min(MAX_SWEEPS_AHEAD)
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::{FIRST_CHECK, MAX_SWEEPS_AHEAD, Rows, sweeps_to_tolerance};

    #[test]
    fn the_next_look_at_the_residual_follows_its_rate() {
        // 1e-4 at sweep 4, 1e-6 at sweep 8: a factor 10 every 2 sweeps, so 5e-12 (a factor
        // 200,000 = 10^5.3 below) is 10.6 sweeps on: 11.
        assert_eq!(sweeps_to_tolerance(Some((4, 1e-4)), (8, 1e-6), 5e-12), 11);
        // 1e-12 from 1e-6 at a factor 10 every 8 sweeps: 48 sweeps, capped.
        assert_eq!(
            sweeps_to_tolerance(Some((0, 1e-5)), (8, 1e-6), 1e-12),
            MAX_SWEEPS_AHEAD
        );
        // No rate yet, a residual that grew or stood still: look again after the first steps.
        assert_eq!(sweeps_to_tolerance(None, (4, 1e-6), 1e-12), FIRST_CHECK);
        assert_eq!(
            sweeps_to_tolerance(Some((4, 1e-6)), (8, 1e-5), 1e-12),
            FIRST_CHECK
        );
        assert_eq!(
            sweeps_to_tolerance(Some((4, 1e-6)), (8, 1e-6), 1e-12),
            FIRST_CHECK
        );
        // Nearly there: a factor 5 in 4 sweeps, and a factor 2 to go: 4 × ln 2 / ln 5 = 1.7 → 2.
        assert_eq!(sweeps_to_tolerance(Some((4, 1e-11)), (8, 2e-12), 1e-12), 2);
        // Within a factor 1.1 at a factor 5 in 4 sweeps: 0.24 → 1.
        assert_eq!(
            sweeps_to_tolerance(Some((4, 1e-11)), (8, 1.1e-12), 1e-12),
            1
        );
    }

    #[test]
    fn rows_built_one_by_one_and_transposed() {
        // | 0   1/2 0   |
        // | 0   0   1/4 |
        // | 1/3 2/3 0   |
        let mut rows = Rows::with_capacity(3);
        rows.push_row([(1, 0.5)]);
        rows.push_row([(2, 0.25)]);
        rows.push_row([(0, 1.0 / 3.0), (1, 2.0 / 3.0)]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows.row(2), &[(0, 1.0 / 3.0), (1, 2.0 / 3.0)]);
        let columns = rows.transpose();
        assert_eq!(columns.len(), 3);
        assert_eq!(columns.row(0), &[(2, 1.0 / 3.0)]);
        assert_eq!(columns.row(1), &[(0, 0.5), (2, 2.0 / 3.0)]);
        assert_eq!(columns.row(2), &[(1, 0.25)]);
        assert_eq!(columns.transpose().row(2), rows.row(2));
    }
}
