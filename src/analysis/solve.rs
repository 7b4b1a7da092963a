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

/// The residual costs as much as a sweep: it is measured after every few sweeps only.
const SWEEPS_PER_CHECK: usize = 4;

/// A guard against parts that customers practically never leave (shares summing to 0.9999999 round
/// a loop): past this many sweeps the best answer so far is taken.
const MAX_SWEEPS: usize = 200_000;

/// A sparse matrix stored row after row in one array (compressed rows): row `i` is
/// `entries[start[i]..start[i + 1]]`, as (column, value). One allocation instead of one per row,
/// so a sweep over a 15,000-member part reads memory in order.
#[derive(Debug, Clone, Default)]
pub(super) struct Rows {
    start: Vec<usize>,
    entries: Vec<(usize, f64)>,
}

impl Rows {
    /// The matrix with these rows.
    pub(super) fn from_lists(lists: &[Vec<(usize, f64)>]) -> Self {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut entries = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        start.push(0);
        for list in lists {
            entries.extend_from_slice(list);
            start.push(entries.len());
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
    let size = rows.len();
    let scale = right
        .iter()
        .fold(0.0_f64, |max, value| max.max(value.abs()));
    if scale == 0.0 {
        return vec![0.0; size];
    }
    let tolerance = RESIDUAL_TOLERANCE * scale;
    // Split once: the diagonal (a member's links back to itself) and the rest, so that the sweep
    // has no branch: x_i = (b_i + Σ_{j≠i} a_ij x_j) / (1 − a_ii).
    let mut diagonal = vec![0.0; size];
    let mut others: Vec<Vec<(usize, f64)>> = Vec::with_capacity(size);
    for (i, diagonal) in diagonal.iter_mut().enumerate() {
        let row = rows.row(i);
        *diagonal = row.iter().filter(|&&(j, _)| j == i).map(|&(_, a)| a).sum();
        others.push(row.iter().copied().filter(|&(j, _)| j != i).collect());
    }
    let others = Rows::from_lists(&others);
    let mut solution = right.to_vec();
    let sweep = |solution: &mut [f64], i: usize| {
        let value = right[i]
            + others
                .row(i)
                .iter()
                .map(|&(j, a)| a * solution[j])
                .sum::<f64>();
        solution[i] = value / (1.0 - diagonal[i]);
    };
    for sweeps in 1..=MAX_SWEEPS {
        match order {
            SweepOrder::Forward => (0..size).for_each(|i| sweep(&mut solution, i)),
            SweepOrder::Backward => (0..size).rev().for_each(|i| sweep(&mut solution, i)),
        }
        if !sweeps.is_multiple_of(SWEEPS_PER_CHECK) {
            continue;
        }
        let residual = (0..size).fold(0.0_f64, |max, i| {
            let value: f64 = right[i]
                + others
                    .row(i)
                    .iter()
                    .map(|&(j, a)| a * solution[j])
                    .sum::<f64>()
                - (1.0 - diagonal[i]) * solution[i];
            max.max(value.abs())
        });
        if residual <= tolerance {
            break;
        }
    }
    solution
}
